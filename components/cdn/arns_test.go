package cdn

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/tenkstack/tenk/components/internal/argutil"
)

func TestCheckCertificateArn(t *testing.T) {
	assert.NoError(t, checkCertificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc"))
	assert.ErrorContains(t, checkCertificateArn("arn:aws:acm:eu-west-1:123456789012:certificate/abc"), "is in eu-west-1")
	assert.ErrorContains(t, checkCertificateArn("abc"), "not an ACM certificate ARN")
	assert.ErrorContains(t, checkCertificateArn("arn:aws:iam::123456789012:server-certificate/abc"), "not an ACM certificate ARN")
}

func TestCheckWebACLArn(t *testing.T) {
	assert.NoError(t, checkWebACLArn("arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/1234"))
	assert.ErrorContains(t, checkWebACLArn("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/site/1234"), "CLOUDFRONT-scoped")
	assert.ErrorContains(t, checkWebACLArn("arn:aws:wafv2:eu-west-1:123456789012:global/webacl/site/1234"), "CLOUDFRONT-scoped")
	assert.ErrorContains(t, checkWebACLArn("arn:aws:wafv2:us-east-1:123456789012:global/ipset/x/1"), "not a WAFv2 web ACL ARN")
	assert.ErrorContains(t, checkWebACLArn("1234-5678"), "not a WAFv2 web ACL ARN")
}

func TestCheckHostname(t *testing.T) {
	for _, ok := range []string{"example.com", "www.Example.com", "a-b.c0.example.co.uk"} {
		assert.NoError(t, checkHostname("f", ok, false), ok)
	}
	assert.NoError(t, checkHostname("f", "*.example.com", true))
	for _, bad := range []string{"*.example.com", "localhost", "https://example.com", "example.com:443", "a..com", "-a.com", "a_b.com"} {
		assert.Error(t, checkHostname("f", bad, false), bad)
	}
	assert.Error(t, checkHostname("f", "www.*.example.com", true))
}

func TestValidationNamesShareWildcardRecords(t *testing.T) {
	assert.Equal(t, []string{"example.com", "www.example.com"}, validationNames([]string{"example.com", "www.example.com", "*.example.com"}))
	assert.Equal(t, []string{"*.example.com", "a.example.com"}, validationNames([]string{"*.example.com", "example.com", "a.example.com"}))
}

func TestResourceSuffix(t *testing.T) {
	assert.Equal(t, "www-example-com", resourceSuffix("WWW.example.com"))
	assert.Equal(t, "wildcard-example-com", resourceSuffix("*.example.com"))
}

func TestWithDefaults(t *testing.T) {
	a := StaticAssetsCdnArgs{}.withDefaults()
	assert.True(t, *a.Versioning)
	assert.True(t, *a.AccessLogs)
	assert.Equal(t, 30, a.NoncurrentVersionExpirationDays)
	assert.Equal(t, 90, a.AccessLogRetentionDays)
	assert.Equal(t, PriceClassAll, a.PriceClass)
	assert.Equal(t, "index.html", a.DefaultRootObject)
	assert.Equal(t, SecurityHeadersPolicyID, a.ResponseHeadersPolicyID)
	assert.True(t, a.needsUsEast1(), "logs need us-east-1")

	origin := &DynamicOrigin{DomainName: pulumi.String("origin.example.com")}
	d := StaticAssetsCdnArgs{DynamicOrigin: origin, AccessLogs: argutil.Ptr(false)}.withDefaults()
	assert.Empty(t, d.DefaultRootObject)
	assert.Equal(t, []string{"/static/*"}, d.DynamicOrigin.StaticPathPatterns)
	assert.Equal(t, 80, d.DynamicOrigin.HTTPPort)
	assert.Equal(t, 443, d.DynamicOrigin.HTTPSPort)
	assert.Empty(t, origin.StaticPathPatterns, "the caller's struct is not modified")
	assert.False(t, d.needsUsEast1())

	withCert := StaticAssetsCdnArgs{AccessLogs: argutil.Ptr(false), Domain: &CustomDomain{Names: []string{"a.example.com"}, CertificateArn: pulumi.String("arn")}}.withDefaults()
	assert.False(t, withCert.needsUsEast1(), "a given certificate needs no us-east-1 provider")
	issue := StaticAssetsCdnArgs{AccessLogs: argutil.Ptr(false), Domain: &CustomDomain{Names: []string{"a.example.com"}}}.withDefaults()
	assert.True(t, issue.needsUsEast1())

	rules := StaticAssetsCdnArgs{CorsRules: []CorsRule{{AllowedOrigins: []string{"*"}}}}.withDefaults().CorsRules
	assert.Equal(t, []string{"GET", "HEAD"}, rules[0].AllowedMethods)
	assert.Equal(t, 3000, rules[0].MaxAgeSeconds)
}
