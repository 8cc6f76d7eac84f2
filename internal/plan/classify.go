package plan

import (
	"fmt"
	"sort"
	"strings"
)

// Class says how the estimate treats a resource type: every type a stack registers has exactly
// one, so that no resource is ever $0 because nobody looked at its price.
type Class string

// The classes.
const (
	// Priced types have a rule in costRules that adds their monthly lines.
	Priced Class = "priced"
	// UsageDriven types are listed with what their cost depends on, with no line (usageBasedTypes).
	UsageDriven Class = "usage-based"
	// Free types cost nothing of their own (freeTypes, with the reason).
	Free Class = "free"
)

// classFile is where a resource type gets its class.
const classFile = "internal/plan/classify.go"

// usageBasedTypes have no fixed price: their presence is listed, their cost left out.
var usageBasedTypes = map[string]string{
	"aws:cloudfront/distribution:Distribution": "requests and data transfer",
	"aws:s3/bucketV2:BucketV2":                 "storage and requests",
	"aws:s3/bucket:Bucket":                     "storage and requests",
	"aws:cloudwatch/logGroup:LogGroup":         "log ingestion and storage",
	"aws:ec2/flowLog:FlowLog":                  "log delivery",
	"aws:sns/topic:Topic":                      "notifications",
	"aws:route53/record:Record":                "DNS queries",
	"aws:rds/cluster:Cluster":                  "Aurora storage and I/O (instances are priced on their own lines)",
	"aws:cloudwatch/logDelivery:LogDelivery":   "log delivery",
	// ECR bills stored images per GB-month; pulls inside the Region are free (ECR pricing). The
	// estimate prices the releases the lifecycle rule keeps at an assumed size (cost_app.go).
	"aws:ecr/repository:Repository": "image storage (estimated from the releases its lifecycle rule keeps)",
	// CloudFront pricing: VPC origins carry no charge of their own; the distribution's requests
	// and transfer are billed as for any origin.
	"aws:cloudfront/vpcOrigin:VpcOrigin": "no charge of its own (billed as the distribution's requests and transfer)",
	// Lambda bills requests and GB-seconds (Lambda pricing); the web tier's rollout function runs
	// once per release for a few seconds at 128 MB, well inside the monthly free tier.
	"aws:lambda/function:Function": "requests and duration (the web tier's rollout function: one short run per release)",
}

// freeTypes cost nothing of their own; the reason says why, from the service's pricing page
// (or what carries the cost instead).
var freeTypes = map[string]string{
	// Configuration and control-plane objects: no AWS charge (EC2, VPC, IAM, ELB pricing pages
	// bill instances, gateways, endpoints and load balancers, not these).
	"aws:ec2/securityGroup:SecurityGroup":                       "security groups are free",
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":         "security groups are free",
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security group rules are free",
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   "security group rules are free",
	"aws:ec2/launchTemplate:LaunchTemplate":                     "launch templates are free; the instances they launch are priced with their group",
	"aws:autoscaling/policy:Policy":                             "Auto Scaling is free; the instances are priced with their group",
	"aws:lb/listener:Listener":                                  "listeners are part of the load balancer's price",
	"aws:lb/targetGroup:TargetGroup":                            "target groups are part of the load balancer's price",
	"aws:iam/role:Role":                                         "IAM is free",
	"aws:iam/policy:Policy":                                     "IAM is free",
	"aws:iam/rolePolicy:RolePolicy":                             "IAM is free",
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":         "IAM is free",
	"aws:iam/instanceProfile:InstanceProfile":                   "IAM is free",
	"aws:rds/subnetGroup:SubnetGroup":                           "RDS subnet groups are free",
	"aws:rds/parameterGroup:ParameterGroup":                     "RDS parameter groups are free",
	"aws:rds/clusterParameterGroup:ClusterParameterGroup":       "RDS parameter groups are free",
	"aws:elasticache/subnetGroup:SubnetGroup":                   "ElastiCache subnet groups are free",
	"aws:elasticache/parameterGroup:ParameterGroup":             "ElastiCache parameter groups are free",
	"aws:cloudfront/originAccessControl:OriginAccessControl":    "CloudFront origin access control is free",
	// CloudWatch Logs v2 delivery: the log group or bucket it writes to carries the cost.
	"aws:cloudwatch/logDeliverySource:LogDeliverySource":           "delivery configuration; the delivered logs are billed as the delivery's",
	"aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": "delivery configuration; the delivered logs are billed as the delivery's",
	// S3 bucket sub-resources: the bucket carries storage and requests.
	"aws:s3/bucketPolicy:BucketPolicy":                                                           "part of its bucket",
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     "part of its bucket",
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     "part of its bucket",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "part of its bucket (SSE-S3 is free)",
	"aws:s3/bucketVersioningV2:BucketVersioningV2":                                               "part of its bucket (old versions are storage, listed with it)",
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       "part of its bucket",
	// Secrets Manager bills per secret and per API call, not per version.
	"aws:secretsmanager/secretVersion:SecretVersion": "a secret's value; the secret is priced",
	// SNS bills deliveries (usage of the topic); e-mail subscriptions have no fee of their own.
	"aws:sns/topicSubscription:TopicSubscription": "deliveries are the topic's usage",
	"aws:sns/topicPolicy:TopicPolicy":             "part of its topic",
	// Parameter Store standard parameters and standard-throughput API calls are free (Systems
	// Manager pricing, "Parameter Store").
	"aws:ssm/parameter:Parameter": "standard parameters are free",
	// ACM public certificates are free (ACM pricing); DNS validation is a Route 53 record.
	"aws:acm/certificate:Certificate":                     "public ACM certificates are free",
	"aws:acm/certificateValidation:CertificateValidation": "a wait, not a resource in AWS",
	// pulumi-random resources exist only in the Pulumi state.
	"random:index/randomPassword:RandomPassword": "exists only in the Pulumi state",
	"random:index/randomId:RandomId":             "exists only in the Pulumi state",
	"random:index/randomString:RandomString":     "exists only in the Pulumi state",
	"pulumi:index:Stash":                         "exists only in the Pulumi state (the web tier's pinned AMI)",
	// The Lambda invocation is one call of the function at deploy; the function carries its cost.
	"aws:lambda/invocation:Invocation": "one call of its function at deploy, billed as the function's",
	// The application's image build (components/appimage).
	"aws:ecr/lifecyclePolicy:LifecyclePolicy": "part of its repository (it lowers the repository's storage)",
	"docker-build:index:Image":                "built on the deployer's machine; the image it pushes is the repository's storage",
}

// ClassOf returns the class of a resource type, and false when it has none.
func ClassOf(typ string) (Class, bool) {
	switch {
	case costRules[typ] != nil:
		return Priced, true
	case usageBasedTypes[typ] != "":
		return UsageDriven, true
	case freeTypes[typ] != "":
		return Free, true
	}
	return "", false
}

// needsClass reports whether a registration is something AWS may bill: not a provider (an SDK
// configuration) and not a tenk component (its children are classified one by one).
func needsClass(r *Resource) bool {
	return !strings.HasPrefix(r.Type, "pulumi:providers:") && r.Type != rootStackType
}

// unclassified returns an error naming every type of p that has no class, and where to add it;
// nil when every type has one.
func unclassified(p *Plan) error {
	missing := map[string]string{} // type → one resource of it
	for i := range p.Resources {
		r := &p.Resources[i]
		if _, ok := ClassOf(r.Type); !ok && needsClass(r) {
			missing[r.Type] = r.Name
		}
	}
	if len(missing) == 0 {
		return nil
	}
	types := make([]string, 0, len(missing))
	for t := range missing {
		types = append(types, t)
	}
	sort.Strings(types)
	lines := make([]string, len(types))
	for i, t := range types {
		lines[i] = fmt.Sprintf("resource type %s (%s) has no cost class: add it to freeTypes or usageBasedTypes in %s with the reason, or price it with a rule in costRules (internal/plan/cost.go)",
			t, missing[t], classFile)
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n  - "))
}

// FreeTypes returns a copy of the free types and why each costs nothing.
func FreeTypes() map[string]string {
	out := make(map[string]string, len(freeTypes))
	for k, v := range freeTypes {
		out[k] = v
	}
	return out
}
