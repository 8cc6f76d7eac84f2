package tests_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// reachShapes are the network shapes whose instances must reach every AWS service they call.
var reachShapes = map[string]struct {
	stack     string
	overrides map[string]string
}{
	"dev":                            {"dev", nil},
	"prod":                           {"prod", nil},
	"dev natGateways none":           {"dev", map[string]string{"tenk:network": `{"natGateways":"none"}`}},
	"prod natGateways none":          {"prod", map[string]string{"tenk:network": `{"natGateways":"none"}`}},
	"prod interfaceEndpoints always": {"prod", map[string]string{"tenk:network": `{"interfaceEndpoints":"always"}`}},
	// An application image from ECR pulls through ecr.api, ecr.dkr and the S3 gateway, and its
	// Docker comes from Amazon Linux's repositories: without NAT all of that needs a route.
	"dev ECR image natGateways none": {"dev", map[string]string{"tenk:network": `{"natGateways":"none"}`,
		"tenk:app": `{"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1"}`}},
	"prod build natGateways none": {"prod", map[string]string{"tenk:network": `{"natGateways":"none"}`,
		"tenk:app": `{"build":"../app"}`}},
}

// reach is how the web instances' subnets reach AWS services: through NAT, or through the
// endpoints (by service name after com.amazonaws.<region>.) that serve those subnets.
type reach struct {
	nat                  bool
	gateway, ifEndpoints map[string]bool
}

// reachOf reads reach from a stack run: gateway endpoints that have route tables; interface
// endpoints with private DNS in every instance subnet, whose security group admits HTTPS from the
// instances' group, while the instances' group lets HTTPS out.
func reachOf(t *testing.T, m *testkit.Mocks) reach {
	t.Helper()
	r := reach{gateway: map[string]bool{}, ifEndpoints: map[string]bool{}}
	r.nat = m.One(t, "awsx:ec2:Vpc").String("natGateways.strategy") != "None"
	instanceSubnets := m.One(t, "aws:autoscaling/group:Group").Strings("vpcZoneIdentifiers")
	require.NotEmpty(t, instanceSubnets)
	instanceSGs := m.One(t, launchTemplate).Strings("vpcSecurityGroupIds")
	require.NotEmpty(t, instanceSGs)

	httpsOut := false
	for _, e := range m.ByType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule") {
		if slices.Contains(instanceSGs, e.String("securityGroupId")) && e.String("cidrIpv4") != "" &&
			e.Number("fromPort") <= 443 && e.Number("toPort") >= 443 {
			httpsOut = true
		}
	}
	admitsInstances := map[string]bool{} // security group → admits HTTPS from the instances
	for _, in := range m.ByType(ingressRule) {
		if slices.Contains(instanceSGs, in.String("referencedSecurityGroupId")) && in.Number("fromPort") <= 443 && in.Number("toPort") >= 443 {
			admitsInstances[in.String("securityGroupId")] = true
		}
	}
	for _, ep := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		service := ep.String("serviceName")
		service = service[strings.Index(service, ".us-east-1.")+len(".us-east-1."):]
		switch ep.String("vpcEndpointType") {
		case "Gateway":
			r.gateway[service] = len(ep.Strings("routeTableIds")) > 0
		case "Interface":
			sgs := ep.Strings("securityGroupIds")
			require.Len(t, sgs, 1, ep.Name)
			r.ifEndpoints[service] = httpsOut && ep.Bool("privateDnsEnabled") && admitsInstances[sgs[0]] &&
				slices.Equal(ep.Strings("subnetIds"), instanceSubnets)
		}
	}
	return r
}

// cliServices maps an AWS CLI command ("aws ssm …") to the endpoint services it needs.
var cliServices = map[string][]string{
	"s3": {"s3"}, "s3api": {"s3"}, "ecr": {"ecr.api"}, "secretsmanager": {"secretsmanager"},
	"logs": {"logs"}, "ssm": {"ssm"}, "dynamodb": {"dynamodb"},
}

var (
	// awsCommand finds `aws <service>` where a shell command starts, and ["aws", "<service>", …]
	// in Python.
	awsCommand = regexp.MustCompile(`(?m)(?:(?:^|[;&|(]|\$\()\s*aws\s+|"aws",\s*")([a-z0-9-]+)`)
	// ecrRegistry is an image reference on an ECR registry.
	ecrRegistry = regexp.MustCompile(`\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com`)
	// packageInstall is dnf or yum at boot.
	packageInstall = regexp.MustCompile(`\b(dnf|yum)\s+(-y\s+)?(install|update|upgrade|makecache)\b`)
	// emptyDualstack truncates dnf's $dualstack variable to nothing.
	emptyDualstack = regexp.MustCompile(`(?m)^(: ?|true ?|printf '' ?)?> ?/etc/dnf/vars/dualstack$`)
)

// servicesCalled are the endpoint services the boot script (settings agent included) calls.
func servicesCalled(script string) []string {
	var out []string
	for _, match := range awsCommand.FindAllStringSubmatch(script, -1) {
		services, ok := cliServices[match[1]]
		if !ok {
			services = []string{match[1]} // an unknown service: must be in stacks.InstanceServices
		}
		out = append(out, services...)
	}
	if ecrRegistry.MatchString(script) {
		out = append(out, "ecr.api", "ecr.dkr", "s3") // token, registry API, layers
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestEveryInstanceServiceHasARoute is the reachability rule: every AWS service the boot script,
// the settings agent, SSM Agent and the application call (stacks.InstanceServices, which must
// name every service the registered boot script calls) has a route from the instance subnets,
// through NAT or an endpoint, in every network shape. Without NAT that takes an interface
// endpoint per service (the SSM, Session Manager and Run Command ones among them) and the S3 and
// DynamoDB gateway endpoints.
func TestEveryInstanceServiceHasARoute(t *testing.T) {
	listed := map[string]stacks.InstanceService{}
	for _, s := range stacks.InstanceServices {
		listed[s.Endpoint] = s
	}
	for name, shape := range reachShapes {
		t.Run(name, func(t *testing.T) {
			m := runStack(t, shape.stack, shape.overrides)
			script := bootScript(t, m)
			called := servicesCalled(script)
			require.Contains(t, called, "ssm", "the settings agent reads SSM: the scan must find it")
			for _, s := range called {
				_, ok := listed[s]
				assert.True(t, ok, "the boot script calls %s: add it to stacks.InstanceServices (stacks/awsservices.go)", s)
			}
			ecr := ecrRegistry.MatchString(script) || slices.Contains(called, "ecr.api")
			r := reachOf(t, m)
			for _, s := range stacks.InstanceServices {
				if s.ECRImage && !ecr {
					continue
				}
				reached := r.nat || (s.Gateway && r.gateway[s.Endpoint]) || (!s.Gateway && r.ifEndpoints[s.Endpoint])
				assert.True(t, reached, "%s (%s) has no route from the instance subnets: no NAT and no endpoint", s.Endpoint, s.Callers)
			}
			if !r.nat {
				// AL2023's repositories are S3 buckets named by the dual-stack host
				// al2023-repos-<region>-de612dc2.s3$dualstack.<region>.amazonaws.com, which is
				// reported not to take the S3 gateway endpoint's route (README, "Private subnets
				// without NAT"): without NAT, a package install at boot must empty $dualstack first.
				if install := packageInstall.FindStringIndex(script); install != nil {
					emptied := emptyDualstack.FindStringIndex(script)
					assert.True(t, emptied != nil && emptied[0] < install[0],
						"the boot script installs packages (%q): without NAT it must empty /etc/dnf/vars/dualstack before", script[install[0]:install[1]])
				}
			}
		})
	}
}

// TestInterfaceEndpointsFollowTheSetting: none with NAT under auto (no cost added); with
// natGateways none or interfaceEndpoints always, one per interface service of
// stacks.InstanceServices, priced per AZ, ECR's two only when the image comes from ECR (an ECR
// image, or a build, which pushes to ECR).
func TestInterfaceEndpointsFollowTheSetting(t *testing.T) {
	ecr := []string{"ssm", "ssmmessages", "ec2messages", "secretsmanager", "logs", "ecr.api", "ecr.dkr"}
	for name, want := range map[string][]string{"dev": nil, "prod": nil, "dev natGateways none": ecr[:5], "prod interfaceEndpoints always": ecr[:5],
		"dev ECR image natGateways none": ecr, "prod build natGateways none": ecr} {
		t.Run(name, func(t *testing.T) {
			shape := reachShapes[name]
			m := runStack(t, shape.stack, shape.overrides)
			var services []string
			for _, ep := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
				if ep.String("vpcEndpointType") == "Interface" {
					services = append(services, strings.TrimPrefix(ep.String("serviceName"), "com.amazonaws.us-east-1."))
				}
			}
			assert.ElementsMatch(t, want, services)
		})
	}
}

// TestServicesCalledScan: the scan finds CLI calls in shell and Python, and an ECR image.
func TestServicesCalledScan(t *testing.T) {
	assert.Equal(t, []string{"secretsmanager", "ssm"}, servicesCalled(`cmd = ["aws", "ssm", "get-parameter"]
raise NotYet("aws exited %d")
token=$(aws secretsmanager get-secret-value --secret-id x)`))
	assert.Equal(t, []string{"ecr.api", "ecr.dkr", "s3", "sts"},
		servicesCalled("docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:ab\naws sts get-caller-identity"))
	assert.True(t, packageInstall.MatchString("dnf install -y docker"))
	assert.True(t, emptyDualstack.MatchString(": > /etc/dnf/vars/dualstack"))
	assert.False(t, emptyDualstack.MatchString("echo .dualstack > /etc/dnf/vars/dualstack"), "a value is not empty")
}
