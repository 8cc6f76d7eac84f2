package tests

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

func init() {
	// SSM parameter ARNs embed the parameter's path after "parameter".
	DefaultOutputStubs["aws:ssm/parameter:Parameter"] = func(r Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn": "arn:aws:ssm:us-east-1:123456789012:parameter" + r.String("name"),
		})
	}
}
