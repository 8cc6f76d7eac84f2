package webtier_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

func TestParseImageRef(t *testing.T) {
	digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for ref, want := range map[string]webtier.ImageRef{
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/shop:v1": {Repository: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/shop", Tag: "v1",
			ECR: &webtier.ECRRepository{Account: "123456789012", Region: "eu-west-1", Name: "team/shop", Partition: "aws"}},
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop@" + digest: {Repository: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop", Digest: digest,
			ECR: &webtier.ECRRepository{Account: "123456789012", Region: "cn-north-1", Name: "shop", Partition: "aws-cn"}},
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1@" + digest: {Repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop", Tag: "v1", Digest: digest,
			ECR: &webtier.ECRRepository{Account: "123456789012", Region: "us-east-1", Name: "shop", Partition: "aws"}},
		"ghcr.io/acme/shop@" + digest:   {Repository: "ghcr.io/acme/shop", Digest: digest},
		"nginx:1.27":                    {Repository: "nginx", Tag: "1.27"},
		"localhost:5000/shop@" + digest: {Repository: "localhost:5000/shop", Digest: digest},
	} {
		got, ok := webtier.ParseImageRef(ref)
		require.True(t, ok, ref)
		assert.Equal(t, want, got, ref)
	}
	for _, bad := range []string{"", "Shop", "shop@sha256:abc", "a b"} {
		_, ok := webtier.ParseImageRef(bad)
		assert.False(t, ok, bad)
	}
	r, _ := webtier.ParseImageRef("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1@" + digest)
	assert.Equal(t, "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@"+digest, r.Pinned(), "the digest wins over the tag")
	assert.Equal(t, "arn:aws:ecr:us-east-1:123456789012:repository/shop", r.ECR.ARN())
}

func imageArgs(ref pulumi.StringInput) *webtier.MultiAZWebTierArgs {
	a := devArgs()
	a.DeregistrationDelaySeconds = pulumi.IntRef(45)
	a.Application.Image = &webtier.ContainerImage{Reference: ref, Environment: map[string]string{"LOG_LEVEL": "debug"},
		Command: []string{"serve", "--port=$APP_PORT"}, LogRetentionDays: 30}
	return a
}

func TestImageRunsByDigestWithItsOwnLogsAndGrant(t *testing.T) {
	m, w := build(t, imageArgs(pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v7")))
	pinned := "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@" + providers.MockImageDigest("shop", "v7")
	assert.Equal(t, pinned, testkit.Await(t, w.ApplicationImage))
	script, err := webtier.DecodeUserData(one(t, m, ltType, "web-lt").String("userData"))
	require.NoError(t, err)
	assert.Contains(t, script, "ExecStartPre=/opt/tenk/tenk-pull.sh "+pinned+"\n")
	assert.Contains(t, script, "--stop-timeout 45 "+pinned+` "serve" "--port=$$APP_PORT"`+"\n", "arguments quoted for systemd, $ not expanded by it")
	assert.Contains(t, script, "ExecStop=/usr/bin/docker stop --time 45 tenk-app\n", "the deregistration delay")
	assert.Contains(t, script, "LOG_LEVEL=debug\n")
	assert.Contains(t, script, "dnf install -y docker")
	assert.NotContains(t, script, "tenk default web server")

	logs := one(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-app-logs")
	assert.Equal(t, float64(30), logs.Number("retentionInDays"))
	assert.Equal(t, "web-app-logs-1a2b3c4", testkit.Await(t, w.ApplicationLogGroupName))
	assert.Contains(t, script, "awslogs-group=web-app-logs-1a2b3c4 ")

	grant := one(t, m, "aws:iam/rolePolicy:RolePolicy", "web-image")
	assert.Equal(t, "web-instance-role", grant.String("role"))
	statements, err := testkit.ParsePolicy(grant.String("policy"))
	require.NoError(t, err)
	require.Len(t, statements, 3)
	assert.True(t, statements[1].Allows("ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/shop"))
	assert.False(t, statements[1].Allows("ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/shopping"))
	assert.Contains(t, one(t, m, asgType, "web-asg").Dependencies, grant.URN, "instances boot once they may pull")
}

func TestPublicImageNeedsNoECRGrant(t *testing.T) {
	m, _ := build(t, imageArgs(pulumi.String("public.ecr.aws/nginx/nginx@sha256:"+digestHex)))
	statements, err := testkit.ParsePolicy(one(t, m, "aws:iam/rolePolicy:RolePolicy", "web-image").String("policy"))
	require.NoError(t, err)
	require.Len(t, statements, 1, "logs only")
	for _, inv := range m.Invokes() {
		assert.NotEqual(t, "aws:ecr/getImage:getImage", inv.Token, "a digest needs no lookup")
	}
}

func TestAnOutputReferenceMustBeADigest(t *testing.T) {
	_, err := testkit.Run(func(ctx *pulumi.Context) error {
		_, err := webtier.NewMultiAZWebTier(ctx, "web", imageArgs(pulumi.String("shop:v1").ToStringOutput()))
		return err
	}, testkit.RunOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "must be pinned by digest")
}

const digestHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
