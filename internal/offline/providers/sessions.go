package providers

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

var dynamodbStubs = []monitor.Stub{
	{Token: "aws:dynamodb/table:Table", Outputs: dynamodbTableOutputs},
}

// dynamodbTableOutputs stands in for the provider's computed table outputs: the name (auto-named
// "<logical name>-<7 characters>" when none was given, as Pulumi does), an ARN in DynamoDB's
// "table/<name>" form, and a stream ARN when a stream is enabled.
func dynamodbTableOutputs(r monitor.Resource) resource.PropertyMap {
	name := r.String("name")
	if name == "" {
		name = r.Name + "-1a2b3c4"
	}
	arn := "arn:aws:dynamodb:us-east-1:123456789012:table/" + name
	out := resource.PropertyMap{
		"name": resource.NewProperty(name),
		"arn":  resource.NewProperty(arn),
	}
	if r.Bool("streamEnabled") {
		out["streamArn"] = resource.NewProperty(arn + "/stream/2024-01-01T00:00:00.000")
	}
	return out
}
