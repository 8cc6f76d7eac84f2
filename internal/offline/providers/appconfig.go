package providers

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

var ssmStubs = []monitor.Stub{
	// SSM parameter ARNs embed the parameter's path after "parameter".
	{Token: "aws:ssm/parameter:Parameter", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn": "arn:aws:ssm:us-east-1:123456789012:parameter" + r.String("name"),
		})
	}},
}
