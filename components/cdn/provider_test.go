package cdn_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/internal/testkit"
)

// withDomain needs a us-east-1 certificate and (by default) log delivery.
var withDomain = &cdn.StaticAssetsCdnArgs{
	Domain: &cdn.CustomDomain{Names: []string{"www.example.com"}, HostedZoneID: pulumi.String("Z0123456789")},
}

func runWithConfig(t *testing.T, config map[string]string, args *cdn.StaticAssetsCdnArgs) (*testkit.Mocks, error) {
	t.Helper()
	return testkit.Run(func(ctx *pulumi.Context) error {
		_, err := cdn.NewStaticAssetsCdn(ctx, "cdn", args)
		return err
	}, testkit.RunOptions{Config: config})
}

// providerURN strips the "::<id>" a provider reference ends with.
func providerURN(ref string) string {
	return ref[:max(strings.LastIndex(ref, "::"), 0)]
}

func TestStackInUsEast1KeepsTheDefaultProvider(t *testing.T) {
	m, err := runWithConfig(t, map[string]string{"aws:region": "us-east-1", "aws:profile": "ops"}, withDomain)
	require.NoError(t, err)
	assert.Empty(t, m.ByType(tProvider), "the default provider already is in us-east-1, with every aws: setting")
	for _, typ := range []string{tCertificate, tLogSource, tLogDest, tLogDelivery} {
		for _, r := range m.ByType(typ) {
			assert.Empty(t, r.Provider, "%s %s uses the default provider", typ, r.Name)
		}
	}
	assert.Len(t, m.ByType(tCertificate), 1)
	assert.Len(t, m.ByType(tLogDelivery), 1)
}

func TestUsEast1ProviderCarriesTheStackSettings(t *testing.T) {
	m, err := runWithConfig(t, map[string]string{
		"aws:region":                  "eu-west-1",
		"aws:profile":                 "ops",
		"aws:allowedAccountIds":       `["123456789012"]`,
		"aws:forbiddenAccountIds":     `["210987654321"]`,
		"aws:assumeRole":              `{"roleArn":"arn:aws:iam::123456789012:role/deploy","sessionName":"tenk","externalId":"x-1"}`,
		"aws:defaultTags":             `{"tags":{"owner":"web","cost-center":"42"}}`,
		"aws:ignoreTags":              `{"keyPrefixes":["kubernetes.io/"]}`,
		"aws:sharedCredentialsFiles":  `["/etc/aws/credentials"]`,
		"aws:skipRequestingAccountId": "true",
		"aws:maxRetries":              "7",
		"aws:stsRegion":               "eu-west-1",
	}, withDomain)
	require.NoError(t, err)

	p := m.One(t, tProvider)
	assert.Equal(t, "cdn-us-east-1", p.Name)
	assert.Equal(t, "us-east-1", p.String("region"))
	assert.Equal(t, "ops", p.String("profile"))
	assert.Equal(t, []string{"123456789012"}, p.Strings("allowedAccountIds"))
	assert.Equal(t, []string{"210987654321"}, p.Strings("forbiddenAccountIds"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/deploy", p.String("assumeRole.roleArn"))
	assert.Equal(t, "tenk", p.String("assumeRole.sessionName"))
	assert.Equal(t, "x-1", p.String("assumeRole.externalId"))
	assert.Equal(t, "web", p.String("defaultTags.tags.owner"))
	assert.Equal(t, "42", p.String("defaultTags.tags.cost-center"))
	assert.Equal(t, []string{"kubernetes.io/"}, p.Strings("ignoreTags.keyPrefixes"))
	assert.Equal(t, []string{"/etc/aws/credentials"}, p.Strings("sharedCredentialsFiles"))
	assert.True(t, p.Bool("skipRequestingAccountId"))
	assert.Equal(t, float64(7), p.Number("maxRetries"))
	assert.False(t, p.Has("stsRegion"), "region-specific settings stay with the default provider")

	for _, typ := range []string{tCertificate, tLogSource, tLogDest, tLogDelivery} {
		for _, r := range m.ByType(typ) {
			assert.Equal(t, p.URN, providerURN(r.Provider), "%s %s is created in us-east-1", typ, r.Name)
		}
	}
	for _, typ := range []string{tDistribution, tBucket, tPolicy} {
		for _, r := range m.ByType(typ) {
			assert.Empty(t, r.Provider, "%s %s stays with the default provider", typ, r.Name)
		}
	}
}

func TestUsEast1ProviderKeepsStaticKeysSecret(t *testing.T) {
	m, err := runWithConfig(t, map[string]string{
		"aws:region": "eu-west-1", "aws:accessKey": "AKIAEXAMPLE", "aws:secretKey": "s3cr3t",
	}, nil)
	require.NoError(t, err)
	p := m.One(t, tProvider)
	for _, key := range []string{"accessKey", "secretKey"} {
		v, ok := p.Raw[resource.PropertyKey(key)]
		require.True(t, ok, key)
		assert.True(t, v.ContainsSecrets(), "%s is passed as a secret", key)
	}
}

func TestMalformedStackSettingRegistersNothing(t *testing.T) {
	m, err := runWithConfig(t, map[string]string{"aws:region": "eu-west-1", "aws:defaultTags": `{"tags":["owner"]}`}, nil)
	require.ErrorContains(t, err, "aws:defaultTags")
	assert.Empty(t, m.Resources())
}

func TestCallerProviderWinsOverTheStackRegion(t *testing.T) {
	// Even in a us-east-1 stack, a caller's provider is used as given.
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		usEast1, err := aws.NewProvider(ctx, "virginia", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		_, err = cdn.NewStaticAssetsCdn(ctx, "cdn", &cdn.StaticAssetsCdnArgs{UsEast1Provider: usEast1})
		return err
	}, testkit.RunOptions{Config: map[string]string{"aws:region": "us-east-1"}})
	p := m.One(t, tProvider)
	assert.Equal(t, "virginia", p.Name)
	assert.Equal(t, p.URN, providerURN(named(t, m, tLogSource, "cdn-log-source").Provider))
}

// TestCallerProviderNeedsAUsEast1Provider: outside us-east-1, a component given a provider does
// not make its us-east-1 one from the stack's settings (maybe another account's); it asks.
func TestCallerProviderNeedsAUsEast1Provider(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		ireland, err := aws.NewProvider(ctx, "ireland", &aws.ProviderArgs{Region: pulumi.String("eu-west-1")})
		if err != nil {
			return err
		}
		_, err = cdn.NewStaticAssetsCdn(ctx, "cdn", withDomain, pulumi.Provider(ireland))
		return err
	}, testkit.RunOptions{Config: map[string]string{"aws:region": "eu-west-1"}})
	require.ErrorContains(t, err, `cdn "cdn": UsEast1Provider: the component is given a provider`)
	assert.Empty(t, m.ByType(cdn.Token), "nothing of the component is registered")
}

func TestLogDeliveryIgnoresTheSuffixPathAWSRewrites(t *testing.T) {
	m, _ := build(t, nil)
	d := named(t, m, tLogDelivery, "cdn-log-delivery")
	assert.Equal(t, "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}", d.String("s3DeliveryConfigurations.0.suffixPath"))
	assert.Equal(t, []string{"s3DeliveryConfigurations[0].suffixPath"}, d.IgnoreChanges,
		"AWS stores AWSLogs/{account-id}/CloudFront/ + the suffix: without this every refresh shows drift")
	assert.Equal(t, "AWSLogs/{account-id}/CloudFront/", cdn.LogKeyPrefix)
	for _, r := range m.Resources() {
		if r.Name != d.Name {
			assert.Empty(t, r.IgnoreChanges, "%s %s ignores nothing", r.Type, r.Name)
		}
	}
}
