package providers

import (
	"slices"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// All returns every stub tenk's program needs, one per token: pass them to monitor.NewMocks,
// followed by any a run should answer differently.
func All() []monitor.Stub {
	return slices.Concat(awsxStubs, networkStubs, webtierStubs, appimageStubs, vpcOriginStubs, cdnStubs, wafv2Stubs,
		rdsStubs, elasticacheStubs, dynamodbStubs, kmsStubs, ssmStubs, randomStubs)
}
