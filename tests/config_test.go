package tests_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/stackconfig"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// TestBadConfigRegistersNothing runs the real program on the real stack files plus one bad
// override each; every run must fail with a message naming the key and the fix, before any
// resource is registered.
func TestBadConfigRegistersNothing(t *testing.T) {
	cases := []struct {
		name      string
		stack     string
		overrides map[string]string
		want      []string
	}{
		{"unknown environment", "dev", map[string]string{"tenk:environment": "staging"}, []string{`tenk:environment is "staging": it must be "dev" or "prod"`}},
		{"missing environment", "dev", map[string]string{"tenk:environment": ""}, []string{"tenk:environment is not set"}},
		{"one AZ", "dev", map[string]string{"tenk:network": `{"availabilityZoneCount": 1}`}, []string{"tenk:network.availabilityZoneCount is 1: it must be 2–3"}},
		{"wrong type", "dev", map[string]string{"tenk:network": `{"availabilityZoneCount": "three"}`}, []string{`tenk:network.availabilityZoneCount is "three": it must be a whole number`}},
		{"null", "dev", map[string]string{"tenk:web": `{"maxSize": null}`}, []string{"tenk:web.maxSize is null: it must be a whole number; remove the key to keep the baseline"}},
		{"unknown setting", "prod", map[string]string{"tenk:network": `{"azs": 3}`}, []string{"tenk:network.azs is not a setting: did you mean availabilityZoneCount?", "tenk:network has availabilityZoneCount, cidrBlock, natGateways"}},
		{"renamed setting", "prod", map[string]string{"tenk:network": `{"azCount": 2}`}, []string{"tenk:network.azCount is no longer a setting: it is now tenk:network.availabilityZoneCount"}},
		// Issue 24: a zero the stack file writes is validated as written, never swapped for a default.
		{"zero AZs", "prod", map[string]string{"tenk:network": `{"availabilityZoneCount": 0}`}, []string{"tenk:network.availabilityZoneCount is 0, which the network reads as unset and replaces with its default 3", "remove the key to keep the baseline"}},
		{"port 0", "dev", map[string]string{"tenk:web": `{"appPort": 0}`}, []string{"tenk:web.appPort is 0, which the web tier reads as unset", "1–65535"}},
		{"sticky for 0 seconds", "dev", map[string]string{"tenk:web": `{"stickySessions": true, "stickinessDurationSeconds": 0}`}, []string{"tenk:web.stickinessDurationSeconds is 0, which the web tier reads as unset", "1–604800"}},
		{"no static paths", "dev", map[string]string{"tenk:cdn": `{"staticPathPatterns": []}`}, []string{"tenk:cdn.staticPathPatterns is [], which the CDN reads as unset"}},
		{"empty engine version", "dev", map[string]string{"tenk:database": `{"engineVersion": ""}`}, []string{`tenk:database.engineVersion is "", which the database reads as unset and replaces with its default "17"`}},
		// Issue 24: prod never loses Multi-AZ or snapshots silently to a switch of engine or mode.
		{"prod Aurora without readers", "prod", map[string]string{"tenk:database": `{"engine": "aurora-postgresql", "readReplicas": 0}`}, []string{"tenk:database.multiAz is true in the prod baseline", `tenk:database.engine "aurora-postgresql" and tenk:database.readReplicas 0`, "set tenk:database.readReplicas to 1 or more, or write tenk:database.multiAz: false"}},
		{"prod one cache node", "prod", map[string]string{"tenk:cache": `{"nodeCount": 1}`}, []string{"tenk:cache.multiAz is true in the prod baseline", "tenk:cache.nodeCount 1", "or write tenk:cache.multiAz: false"}},
		{"misspelled section", "prod", map[string]string{"tenk:databse": `{"readReplicas": 3}`}, []string{"tenk:databse is not a tenk key: did you mean tenk:database?"}},
		{"misspelled top-level key", "prod", map[string]string{"tenk:alarmEmail": `["ops@example.com"]`}, []string{"tenk:alarmEmail is not a tenk key: did you mean tenk:alarmEmails?"}},
		{"wrong case", "dev", map[string]string{"tenk:Protect": "true"}, []string{"tenk:Protect is not a tenk key: did you mean tenk:protect?"}},
		{"setting set without --path", "prod", map[string]string{"tenk:database.readReplicas": "3"}, []string{"tenk:database.readReplicas is a key of its own", "pulumi config set --path 'tenk:database.readReplicas'"}},
		{"misspelled setting set without --path", "prod", map[string]string{"tenk:database.readReplica": "3"}, []string{"did you mean tenk:database.readReplicas?"}},
		{"misspelled setting", "dev", map[string]string{"tenk:database": `{"instanceClas": "db.t4g.small"}`}, []string{"tenk:database.instanceClas is not a setting: did you mean instanceClass?"}},
		{"retired cache.auth", "prod", map[string]string{"tenk:cache": `{"auth": false}`}, []string{"tenk:cache.auth is no longer a setting: AUTH is always on for Valkey and Redis OSS"}},
		{"section not an object", "dev", map[string]string{"tenk:cache": `7`}, []string{"tenk:cache must be an object of settings"}},
		{"NAT strategy", "dev", map[string]string{"tenk:network": `{"natGateways": "many"}`}, []string{`tenk:network.natGateways is "many"`}},
		{"CIDR", "dev", map[string]string{"tenk:network": `{"cidrBlock": "10.0.0.0/8"}`}, []string{"tenk:network.cidrBlock", "/16 to /20"}},
		{"flow log retention", "prod", map[string]string{"tenk:network": `{"flowLogRetentionDays": 45}`}, []string{"tenk:network.flowLogRetentionDays is 45"}},
		{"protect not a bool", "dev", map[string]string{"tenk:protect": "yes"}, []string{`tenk:protect is "yes": it must be true or false`}},
		{"domain without zone", "dev", map[string]string{"tenk:domain": "www.example.com"}, []string{"tenk:hostedZoneId is empty"}},
		{"replicas without backups", "prod", map[string]string{"tenk:database": `{"backupRetentionDays": 0}`}, []string{"tenk:database.backupRetentionDays is 0 with 2 tenk:database.readReplicas", "needs automated backups"}},
		{"too many replicas", "prod", map[string]string{"tenk:database": `{"readReplicas": 16}`}, []string{"tenk:database.readReplicas is 16: postgres allows 0–15 read replicas per source"}},
		{"Multi-AZ cache with one node", "dev", map[string]string{"tenk:cache": `{"multiAz": true}`}, []string{"tenk:cache.multiAz is true with tenk:cache.nodeCount 1"}},
		{"Memcached with snapshots the stack sets", "dev", map[string]string{"tenk:cache": `{"engine": "memcached", "snapshotRetentionDays": 3}`}, []string{"1 problem;", "tenk:cache.snapshotRetentionDays is set but Memcached has no snapshots"}},
		{"Aurora with storage the stack sets", "prod", map[string]string{"tenk:database": `{"engine": "aurora-postgresql", "allocatedStorageGiB": 200}`}, []string{"1 problem;", "tenk:database.allocatedStorageGiB is 200 but is RDS only: Aurora storage grows by itself"}},
		{"Aurora Multi-AZ without readers", "dev", map[string]string{"tenk:database": `{"engine": "aurora-mysql", "multiAz": true}`}, []string{"tenk:database.multiAz is true with tenk:database.readReplicas 0"}},
		{"Aurora with a class the stack sets", "dev", map[string]string{"tenk:database": `{"engine": "aurora-postgresql", "instanceClass": "db.t4g.micro"}`}, []string{`tenk:database.instanceClass "db.t4g.micro" is not offered by Aurora`}},
		{"desired outside min/max", "prod", map[string]string{"tenk:web": `{"desiredCapacity": 20}`}, []string{"tenk:web.desiredCapacity is 20"}},
		{"WAF not CloudFront-scoped", "prod", map[string]string{"tenk:cdn": `{"webAclArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y"}`}, []string{"CLOUDFRONT-scoped"}},
		{"unknown database engine", "dev", map[string]string{"tenk:database": `{"engine": "oracle-ee"}`}, []string{`tenk:database.engine "oracle-ee" is not supported`}},
		{"storage below the gp3 minimum", "dev", map[string]string{"tenk:database": `{"allocatedStorageGiB": 10}`}, []string{"tenk:database.allocatedStorageGiB is 10"}},
		{"enhanced monitoring interval", "prod", map[string]string{"tenk:database": `{"monitoringIntervalSeconds": 7}`}, []string{"tenk:database.monitoringIntervalSeconds"}},
		{"Memcached with Multi-AZ the stack sets", "dev", map[string]string{"tenk:cache": `{"engine": "memcached", "multiAz": true}`}, []string{"1 problem;", "tenk:cache.multiAz is set but Memcached has no replicas"}},
		{"prod Memcached", "prod", map[string]string{"tenk:cache": `{"engine": "memcached"}`}, []string{"2 problems;", "tenk:cache.multiAz is true in the prod baseline", "tenk:cache.snapshotRetentionDays is 7 in the prod baseline", "or write tenk:cache.snapshotRetentionDays: 0"}},
		{"unknown price class", "dev", map[string]string{"tenk:cdn": `{"priceClass": "PriceClass_Cheap"}`}, []string{"tenk:cdn.priceClass"}},
		{"scaling metric", "dev", map[string]string{"tenk:web": `{"scalingMetric": "memory"}`}, []string{`tenk:web.scalingMetric is "memory"`}},
		{"bad alarm e-mail", "prod", map[string]string{"tenk:alarmEmails": `["ops at example.com"]`}, []string{`tenk:alarmEmails has "ops at example.com"`}},
		{"zone without domain", "dev", map[string]string{"tenk:hostedZoneId": "Z123"}, []string{"tenk:hostedZoneId is set without tenk:domain"}},
		{"every problem at once", "dev", map[string]string{
			"tenk:network": `{"availabilityZoneCount": 9}`,
			"tenk:web":     `{"appPort": 70000}`,
			"tenk:cache":   `{"nodeCount": 7}`,
		}, []string{"3 problems", "tenk:network.availabilityZoneCount is 9", "tenk:web.appPort is 70000", "tenk:cache.nodeCount is 7"}},
		{"config and component problems together", "dev", map[string]string{
			"tenk:network": `{"natGateways": "many"}`,
			"tenk:cache":   `{"nodeCount": 7}`,
		}, []string{"2 problems", `tenk:network.natGateways is "many"`, "tenk:cache.nodeCount is 7"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: tc.stack, Config: stackConfig(t, tc.stack, tc.overrides)})
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
			assert.Empty(t, m.Resources(), "a bad config registers no resource")
		})
	}
}

func TestStackFilesDeclareOnlyKnownKeys(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		cfg, err := stackconfig.Load("..", stack)
		require.NoError(t, err, "Pulumi.%s.yaml must satisfy Pulumi.yaml's declarations", stack)
		for key := range cfg {
			ns := strings.SplitN(key, ":", 2)[0]
			assert.Contains(t, []string{"tenk", "aws"}, ns, key)
		}
	}
}

// TestPulumiYamlDeclaresExactlyTheKeysTenkReads keeps Pulumi.yaml (what `pulumi config` shows and
// type-checks) and stacks.Config (what the program reads, and accepts) the same list of keys.
func TestPulumiYamlDeclaresExactlyTheKeysTenkReads(t *testing.T) {
	project, err := workspace.LoadProject("../Pulumi.yaml")
	require.NoError(t, err)
	var declared []string
	for k := range project.Config {
		declared = append(declared, strings.TrimPrefix(k, stacks.Namespace+":"))
	}
	assert.ElementsMatch(t, stacks.TopLevelKeys(), declared)
}

func TestLoaderRejectsWrongTypesLikeTheCLI(t *testing.T) {
	_, err := stackconfig.Load("testdata/badtypes", "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "configuration key 'protect' must be of type 'boolean'")
	assert.Contains(t, err.Error(), "missing configuration values environment")
}
