package cdn

import (
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// cloudFrontRegion is where CloudFront's global resources are managed: certificates for it (ACM
// "Supported Regions"), WAF web ACLs of CLOUDFRONT scope, and standard logging v2 deliveries.
const cloudFrontRegion = "us-east-1"

// arnParts splits an ARN into partition, service, region, account and resource.
type arnParts struct {
	Partition, Service, Region, Account, Resource string
}

func parseArn(arn string) (arnParts, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return arnParts{}, false
	}
	return arnParts{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// checkCertificateArn accepts only ACM certificates in us-east-1.
func checkCertificateArn(arn string) error {
	p, ok := parseArn(arn)
	if !ok || p.Service != "acm" || !strings.HasPrefix(p.Resource, "certificate/") {
		return fielderr.New("Domain.CertificateArn", "%q is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)", arn)
	}
	if p.Region != cloudFrontRegion {
		// ACM "Supported Regions": "To use an ACM certificate with Amazon CloudFront, you must
		// request or import the certificate in the US East (N. Virginia) region."
		return fielderr.New("Domain.CertificateArn", "%q is in %s: CloudFront only uses ACM certificates in %s; request or import it there, or leave CertificateArn unset so the component issues one",
			arn, p.Region, cloudFrontRegion)
	}
	return nil
}

// checkWebACLArn accepts only WAFv2 web ACLs of CLOUDFRONT scope, which live in us-east-1 with a
// "global/webacl/" resource.
func checkWebACLArn(arn string) error {
	p, ok := parseArn(arn)
	if !ok || p.Service != "wafv2" || !strings.Contains(p.Resource, "webacl/") {
		// CloudFront DistributionConfig.WebACLId takes a WAFv2 web ACL ARN; WAF Classic IDs are
		// for the retired WAF Classic.
		return fielderr.New("WebACLArn", "%q is not a WAFv2 web ACL ARN: pass arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>", arn)
	}
	if p.Region != cloudFrontRegion || !strings.HasPrefix(p.Resource, "global/webacl/") {
		// WAF Developer Guide, "Creating a web ACL": a web ACL for CloudFront has scope CLOUDFRONT
		// and is created in US East (N. Virginia); REGIONAL ACLs cannot be associated with it.
		return fielderr.New("WebACLArn", "%q is not CLOUDFRONT-scoped: CloudFront needs a web ACL created with scope CLOUDFRONT in %s (arn:aws:wafv2:us-east-1:<account>:global/webacl/...); create one there",
			arn, cloudFrontRegion)
	}
	return nil
}

// checkHostname accepts a DNS name of two or more labels; a leading "*." only when wildcard.
func checkHostname(field, name string, wildcard bool) error {
	host := strings.ToLower(name)
	if wildcard {
		host = strings.TrimPrefix(host, "*.")
	}
	bad := func(why string) error {
		return fielderr.New(field, "is %q: %s; use a bare DNS name such as \"www.example.com\"", name, why)
	}
	if strings.Contains(host, "://") || strings.ContainsAny(host, "/:") {
		return bad("it must be a host name, without scheme, port or path")
	}
	if len(name) > 253 {
		return bad("DNS names are at most 253 characters")
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return bad("it needs at least two labels")
	}
	for _, l := range labels {
		if l == "*" {
			return bad("a wildcard is only allowed as the leftmost label, and only for Domain.Names")
		}
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return bad("each label is 1–63 characters and does not start or end with '-'")
		}
		for _, c := range l {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return bad(fmt.Sprintf("%q is not allowed in a DNS label", c))
			}
		}
	}
	return nil
}

// resourceSuffix turns a domain name into a stable resource-name suffix
// ("*.www.example.com" → "wildcard-www-example-com").
func resourceSuffix(domain string) string {
	d := strings.ToLower(domain)
	if strings.HasPrefix(d, "*.") {
		d = "wildcard." + d[2:]
	}
	return strings.ReplaceAll(d, ".", "-")
}

// validationNames returns, in order, the names that need their own ACM DNS validation record:
// "*.example.com" shares its record with "example.com", so only the first of the two gets one.
func validationNames(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		base := strings.TrimPrefix(strings.ToLower(n), "*.")
		if seen[base] {
			continue
		}
		seen[base] = true
		out = append(out, n)
	}
	return out
}
