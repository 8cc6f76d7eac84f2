package webtier

import (
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// ElbLogDeliveryService is the service principal that delivers ALB access logs in Regions opened
// in or after August 2022 (ELB user guide, "Enable access logs for your Application Load
// Balancer", step 2).
const ElbLogDeliveryService = "logdelivery.elasticloadbalancing.amazonaws.com"

// elbAccounts are the Elastic Load Balancing accounts that deliver access logs in the Regions
// available before August 2022 (ELB user guide, "Enable access logs for your Application Load
// Balancer", step 2; the same list as terraform-provider-aws's aws_elb_service_account). AWS
// adds no account for newer Regions, which use ElbLogDeliveryService, so the table is closed.
// Not elb.GetServiceAccount: it fails ("unsupported AWS Region") in every Region not in this table.
var elbAccounts = map[string]string{
	"us-east-1":      "127311923021",
	"us-east-2":      "033677994240",
	"us-west-1":      "027434742980",
	"us-west-2":      "797873946194",
	"af-south-1":     "098369216593",
	"ap-east-1":      "754344448648",
	"ap-southeast-3": "589379963580",
	"ap-south-1":     "718504428378",
	"ap-northeast-3": "383597477331",
	"ap-northeast-2": "600734575887",
	"ap-southeast-1": "114774131450",
	"ap-southeast-2": "783225319266",
	"ap-northeast-1": "582318560864",
	"ca-central-1":   "985666609251",
	"eu-central-1":   "054676820928",
	"eu-west-1":      "156460612806",
	"eu-west-2":      "652711504416",
	"eu-south-1":     "635631232127",
	"eu-west-3":      "009996457667",
	"eu-north-1":     "897822967062",
	"me-south-1":     "076674570225",
	"sa-east-1":      "507241528517",
	"us-gov-west-1":  "048591011584",
	"us-gov-east-1":  "190560391635",
	"cn-north-1":     "638102146993",
	"cn-northwest-1": "037604701340",
}

// elbAccount returns the Elastic Load Balancing account that writes access logs in region, and
// false for Regions opened in or after August 2022, which use ElbLogDeliveryService instead.
func elbAccount(region string) (string, bool) {
	id, ok := elbAccounts[region]
	return id, ok
}

// PolicyDocument is an IAM policy document; render it with JSON().
type PolicyDocument = iampolicy.Document

// PolicyStatement is one statement of a PolicyDocument.
type PolicyStatement = iampolicy.Statement

// AccessLogsBucketPolicy is the policy an ALB access-log bucket needs (ELB user guide, "Enable
// access logs for your Application Load Balancer", step 2): s3:PutObject on
// <bucket>/<prefix>/AWSLogs/<accountID>/* for the Region's Elastic Load Balancing account
// (Regions available before August 2022) or the logdelivery.elasticloadbalancing.amazonaws.com
// service (newer Regions), and a deny of every request not made over TLS. bucketArn gives the
// partition (aws, aws-cn, aws-us-gov); prefix is AccessLogs.Prefix, "" for none. The component
// attaches it to the bucket it creates; callers with their own bucket can attach it too.
func AccessLogsBucketPolicy(bucketArn, prefix, accountID, region string) (PolicyDocument, error) {
	parts := strings.SplitN(bucketArn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "s3" {
		return PolicyDocument{}, fmt.Errorf("access-log bucket ARN %q is not an S3 bucket ARN", bucketArn)
	}
	if accountID == "" || region == "" {
		return PolicyDocument{}, fmt.Errorf("access-log bucket policy needs the account ID and the Region (got %q, %q)", accountID, region)
	}
	partition := parts[1]
	var principal map[string]string
	if id, ok := elbAccount(region); ok {
		principal = map[string]string{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, id)}
	} else {
		principal = map[string]string{"Service": ElbLogDeliveryService}
	}
	// The account ID in the key keeps other accounts' load balancers (delivered by the same ELB
	// principal) from writing into this bucket: ELB always writes under AWSLogs/<its owner>/.
	keys := "AWSLogs/" + accountID + "/*"
	if prefix != "" {
		keys = prefix + "/" + keys
	}
	return iampolicy.New(
		PolicyStatement{
			Sid:       "AllowElbAccessLogDelivery",
			Effect:    "Allow",
			Principal: principal,
			Action:    "s3:PutObject",
			Resource:  bucketArn + "/" + keys,
		},
		iampolicy.DenyInsecureTransport(bucketArn),
	), nil
}
