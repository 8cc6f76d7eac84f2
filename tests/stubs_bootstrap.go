package tests

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// Outputs the provider computes for bootstrap's KMS key (also used by any component with a key).
func init() {
	if _, ok := DefaultOutputStubs["aws:kms/key:Key"]; !ok {
		DefaultOutputStubs["aws:kms/key:Key"] = func(r Resource) resource.PropertyMap {
			id := r.Name + "-key-id"
			return resource.NewPropertyMapFromMap(map[string]any{
				"keyId": id,
				"arn":   "arn:aws:kms:us-east-1:123456789012:key/" + id,
			})
		}
	}
}
