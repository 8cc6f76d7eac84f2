package providers

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// Outputs KMS computes for a key (the alarm topic's, bootstrap's state key): a key ID and the key ARN built from it.
var kmsStubs = []monitor.Stub{
	{Token: "aws:kms/key:Key", Outputs: func(r monitor.Resource) resource.PropertyMap {
		id := r.Name + "-id"
		return resource.NewPropertyMapFromMap(map[string]any{
			"keyId": id,
			"arn":   "arn:aws:kms:us-east-1:" + MockAccountID + ":key/" + id,
		})
	}},
}
