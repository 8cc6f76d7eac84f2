package stacks

// InstanceService is one AWS service the web instances call: who calls it, and how an instance
// in a private subnet reaches it when there is no NAT gateway.
type InstanceService struct {
	// Endpoint is the VPC endpoint service name, after "com.amazonaws.<region>." ("ssm",
	// "ecr.dkr").
	Endpoint string
	// Callers say who calls the service and what for.
	Callers string
	// Gateway marks S3 and DynamoDB, reached through the network's free gateway endpoints (in
	// every route table) rather than an interface endpoint.
	Gateway bool
	// ECRImage marks a service needed only when the application image comes from Amazon ECR.
	ECRImage bool
}

// InstanceServices is the one list of AWS services the web instances call: the boot script and
// the settings agent (components/webtier: boot.go, boot/tenk-settings.py), SSM Agent, Docker's
// image pull and awslogs driver (webtier container.go), and the application with the settings it
// reads (README, "What the application reads"). The web tier keeps no list of its own. The interface endpoints are
// created from it (endpoints.go), and tests/reachability_test.go requires a route from the
// instance subnets to every entry and finds every service the boot script calls in it. Add a
// service here when the instances start calling one.
var InstanceServices = []InstanceService{
	{Endpoint: "ssm", Callers: "the settings agent (ssm get-parameter, get-parameters-by-path under /tenk/<stack>/); SSM Agent (registration, Session Manager)"},
	{Endpoint: "ssmmessages", Callers: "SSM Agent: Session Manager's control and data channels"},
	{Endpoint: "ec2messages", Callers: "SSM Agent: Run Command (the acceptance test's probes)"},
	{Endpoint: "secretsmanager", Callers: "the application: DB_SECRET_ARN and CACHE_AUTH_SECRET_ARN"},
	{Endpoint: "logs", Callers: "the application's and agents' logs shipped to CloudWatch Logs"},
	{Endpoint: "ecr.api", Callers: "pulling the application image: the registry's authorization token", ECRImage: true},
	{Endpoint: "ecr.dkr", Callers: "pulling the application image: the registry API", ECRImage: true},
	{Endpoint: "s3", Gateway: true, Callers: "the application's assets bucket (ASSETS_BUCKET); ECR image layers; Amazon Linux's package repositories for Docker, by the regional name once $dualstack is emptied (README, \"Private subnets without NAT\")"},
	{Endpoint: "dynamodb", Gateway: true, Callers: "the application: the session table (SESSION_TABLE)"},
}

// interfaceEndpointServices are the services of InstanceServices that need an interface
// endpoint: all but the gateway ones, and the ECR ones only with an application image from ECR.
func interfaceEndpointServices(ecrImage bool) []string {
	var out []string
	for _, s := range InstanceServices {
		if !s.Gateway && (ecrImage || !s.ECRImage) {
			out = append(out, s.Endpoint)
		}
	}
	return out
}
