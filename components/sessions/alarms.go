package sessions

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
)

// alarmedOperations are the operations the access policy allows; SystemErrors is published per
// TableName and Operation, so an alarm without Operation would never see a data point.
var alarmedOperations = alarms.SessionOperations

// tableAlarms are the table's default alarms: any read or write throttling sustained for five
// minutes, and any DynamoDB-side (HTTP 500) error on a session operation for five minutes.
func tableAlarms(tableName pulumi.StringOutput) []alarms.Alarm {
	table := pulumi.StringMap{"TableName": tableName}
	list := []alarms.Alarm{
		{
			Suffix:      "read-throttles",
			Description: "Session reads are being throttled: raise provisioned read capacity or MaxReadRequestUnits, or look for a hot session ID.",
			Namespace:   "AWS/DynamoDB", MetricName: "ReadThrottleEvents", Statistic: "Sum",
			Dimensions: table, Threshold: 0,
		},
		{
			Suffix:      "write-throttles",
			Description: "Session writes are being throttled: raise provisioned write capacity or MaxWriteRequestUnits, or stop rewriting sessions on every request.",
			Namespace:   "AWS/DynamoDB", MetricName: "WriteThrottleEvents", Statistic: "Sum",
			Dimensions: table, Threshold: 0,
		},
	}
	for _, op := range alarmedOperations {
		list = append(list, alarms.Alarm{
			Suffix:      "system-errors-" + strings.ToLower(op),
			Description: "DynamoDB is returning server errors (HTTP 500) on session " + op + " calls: check the AWS Health Dashboard; SDK retries hide short bursts.",
			Namespace:   "AWS/DynamoDB", MetricName: "SystemErrors", Statistic: "Sum",
			Dimensions: pulumi.StringMap{"TableName": tableName, "Operation": pulumi.String(op)},
			Threshold:  0,
		})
	}
	return list
}
