package providers

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// Outputs AWS WAF computes for components/waf's web ACL: a CLOUDFRONT-scoped ACL's ARN has the
// "global/webacl/<name>/<id>" resource in us-east-1, and the capacity it uses.
var wafv2Stubs = []monitor.Stub{
	{Token: "aws:wafv2/webAcl:WebAcl", Outputs: func(r monitor.Resource) resource.PropertyMap {
		name := r.String("name")
		if name == "" {
			name = r.Name
		}
		scope := "regional"
		if r.String("scope") == "CLOUDFRONT" {
			scope = "global"
		}
		id := r.Name + "-id"
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":     name,
			"arn":      "arn:aws:wafv2:us-east-1:" + MockAccountID + ":" + scope + "/webacl/" + name + "/" + id,
			"capacity": 927,
		})
	}},
}
