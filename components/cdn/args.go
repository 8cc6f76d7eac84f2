package cdn

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Price classes CloudFront accepts (CreateDistribution, DistributionConfig.PriceClass).
const (
	// PriceClassAll serves from every edge location: the lowest latency everywhere. The default.
	PriceClassAll = "PriceClass_All"
	// PriceClass200 leaves out the most expensive regions (South America, Australia/New Zealand).
	PriceClass200 = "PriceClass_200"
	// PriceClass100 serves only from North America, Europe and Israel: the cheapest, for dev.
	PriceClass100 = "PriceClass_100"
)

// Limits from AWS quotas and API references, each checked in Validate.
const (
	// MaxCacheBehaviors is CloudFront's "cache behaviors per distribution" quota (default 75).
	MaxCacheBehaviors = 75
	// MaxPathPatternLength is CloudFront's CacheBehavior.PathPattern limit (255 characters).
	MaxPathPatternLength = 255
	// MaxCertificateDomainNames is ACM's default "domain names per certificate" quota (10).
	MaxCertificateDomainNames = 10
	// MaxCorsRules is S3's PutBucketCors limit (100 rules).
	MaxCorsRules = 100
	// MaxTags is S3's and CloudFront's per-resource tag limit (50).
	MaxTags = 50
)

// corsMethods are the methods S3 CORS rules accept (PutBucketCors, CORSRule.AllowedMethods).
var corsMethods = []string{"GET", "PUT", "HEAD", "POST", "DELETE"}

// StaticAssetsCdnArgs configures a StaticAssetsCdn. The zero value is a valid production CDN for a
// static site: a versioned private bucket behind CloudFront on every edge, with access logs.
type StaticAssetsCdnArgs struct {
	// Versioning keeps every version of every object, so a bad deploy can be rolled back.
	// Default: true.
	Versioning *bool
	// NoncurrentVersionExpirationDays is how long a replaced or deleted object version is kept
	// before S3 expires it (lifecycle rule, only with Versioning). Must be ≥ 1. Default: 30.
	NoncurrentVersionExpirationDays int
	// ForceDestroy lets `pulumi destroy` delete the buckets with objects still in them. For dev
	// only; it cannot be combined with Protect. Default: false.
	ForceDestroy bool
	// Protect marks the buckets (assets and access logs) pulumi.Protect (tenk's one list of
	// stateful types, internal/stateful), so no `pulumi up` or `destroy` can delete them.
	// Default: false.
	Protect bool
	// CorsRules are the bucket's CORS rules, for fonts or XHR fetched from another origin (the app's
	// domain). With rules, static behaviours forward the CORS request headers and include them in
	// the cache key. At most 100. Default: none (no CORS configuration).
	CorsRules []CorsRule

	// PriceClass chooses which edge locations serve viewers: PriceClassAll, PriceClass200 or
	// PriceClass100. Default: PriceClassAll (dev passes PriceClass100).
	PriceClass string
	// DefaultRootObject is the object CloudFront returns for "/", without a leading slash.
	// Default: "index.html" without a DynamicOrigin; none with one (the app serves "/").
	DefaultRootObject string
	// SinglePageApp answers 403 and 404 from the bucket with /index.html and status 200, so a
	// client-side router owns every path. Only without a DynamicOrigin. Default: false.
	SinglePageApp bool
	// ResponseHeadersPolicyID is the response headers policy on every behaviour.
	// Default: the managed SecurityHeadersPolicy (HSTS, X-Content-Type-Options, X-Frame-Options,
	// Referrer-Policy, X-XSS-Protection; it does not override headers the origin sets).
	ResponseHeadersPolicyID string
	// GeoRestriction allows or blocks viewers by country. Default: none.
	GeoRestriction *GeoRestriction
	// WebACLArn is a WAFv2 web ACL with CLOUDFRONT scope
	// ("arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>"). Default: none.
	WebACLArn pulumi.StringInput

	// DynamicOrigin puts the web tier behind the same distribution. Default: none (the bucket is
	// the default behaviour).
	DynamicOrigin *DynamicOrigin
	// Domain serves the distribution on the caller's own domain names. Default: none (the
	// distribution's *.cloudfront.net name with CloudFront's default certificate).
	Domain *CustomDomain

	// AccessLogs turns on CloudFront standard logging v2 to a dedicated private log bucket (no
	// ACLs needed, unlike legacy logging). Default: true.
	AccessLogs *bool
	// AccessLogRetentionDays is how long the log bucket keeps log files. Must be ≥ 1. Default: 90.
	AccessLogRetentionDays int
	// UsEast1Provider is an AWS provider for us-east-1, where CloudFront's certificate and its
	// log delivery must live. Required outside us-east-1 stacks when the component itself is
	// given a provider (pulumi.Provider or Providers) and needs us-east-1. Default: the inherited
	// provider (the caller's, else the stack's default) when `aws:region` is us-east-1; otherwise
	// the component creates one for us-east-1 carrying the stack's other `aws:` settings
	// (profile, assumed role, allowed and forbidden accounts, default and ignored tags).
	UsEast1Provider pulumi.ProviderResource

	// UploadDirectory is a local directory whose files are uploaded to the bucket, one object per
	// file keyed by its slash-separated relative path, with a content type from its extension.
	// Default: none (assets are uploaded by the caller's pipeline).
	UploadDirectory string

	// Tags are added to every resource that takes tags. At most 50. Default: none.
	Tags map[string]string
}

// DynamicOrigin is the web tier's Application Load Balancer as the distribution's default origin.
type DynamicOrigin struct {
	// DomainName is where CloudFront sends dynamic requests: the ALB's DNS name, or with HTTPS a
	// name covered by the ALB's certificate that resolves to the ALB. Required.
	DomainName pulumi.StringInput
	// HTTPS says the ALB has a certificate matching DomainName, so CloudFront connects with
	// `https-only` (TLS 1.2) and verifies it. DomainName must then not be the ALB's own
	// *.elb.amazonaws.com name, which no certificate can match. Default: false (`http-only`,
	// because CloudFront cannot verify an ALB without a matching certificate and would answer 502).
	HTTPS bool
	// HTTPPort is the ALB listener CloudFront uses over HTTP: 80, 443 or 1024–65535. Default: 80.
	HTTPPort int
	// HTTPSPort is the ALB listener CloudFront uses over HTTPS: 80, 443 or 1024–65535.
	// Default: 443.
	HTTPSPort int
	// VPCOrigin reaches an internal ALB through a CloudFront VPC origin, so the load balancer has
	// no internet-facing address at all. Needs LoadBalancerArn. Default: false.
	VPCOrigin bool
	// LoadBalancerArn is the ALB's ARN, required with VPCOrigin. Default: none.
	LoadBalancerArn pulumi.StringInput
	// StaticPathPatterns are the paths served from the bucket; everything else goes to the ALB.
	// Each at most 255 characters, not "*" (that is the default behaviour). Default: ["/static/*"].
	StaticPathPatterns []string
}

// CustomDomain serves the distribution on the caller's domain names.
type CustomDomain struct {
	// Names are the distribution's aliases, e.g. ["example.com", "www.example.com"]; the first is
	// the certificate's primary name and the site URL's host. A leading "*." wildcard is allowed.
	// Required; at most 10 when the component issues the certificate.
	Names []string
	// HostedZoneID is the Route 53 public hosted zone holding Names. With it the component writes
	// the certificate's DNS validation records and A/AAAA alias records. Required unless
	// CertificateArn is given. Default: none (no DNS records).
	HostedZoneID pulumi.StringInput
	// CertificateArn is an existing ACM certificate in us-east-1 covering Names. Default: none (the
	// component issues one in us-east-1 and waits for its DNS validation).
	CertificateArn pulumi.StringInput
}

// CorsRule is one S3 CORS rule.
type CorsRule struct {
	// AllowedOrigins are the origins allowed, e.g. "https://example.com". Required.
	AllowedOrigins []string
	// AllowedMethods are among GET, PUT, HEAD, POST, DELETE. Default: GET and HEAD.
	AllowedMethods []string
	// AllowedHeaders are request headers allowed in a preflight. Default: none.
	AllowedHeaders []string
	// ExposeHeaders are response headers the browser may read. Default: none.
	ExposeHeaders []string
	// MaxAgeSeconds is how long a browser caches the preflight answer. Default: 3000.
	MaxAgeSeconds int
}

// GeoRestriction allows or blocks viewers by country.
type GeoRestriction struct {
	// Type is "whitelist" (only Locations may view) or "blacklist" (Locations may not). Required.
	Type string
	// Locations are ISO 3166-1 alpha-2 country codes such as "US". Required.
	Locations []string
}

// withDefaults returns a copy of args with every unset field at its documented default.
func (a StaticAssetsCdnArgs) withDefaults() StaticAssetsCdnArgs {
	argutil.DefaultPtr(&a.Versioning, true)
	argutil.Default(&a.NoncurrentVersionExpirationDays, 30)
	argutil.Default(&a.PriceClass, PriceClassAll)
	if a.DefaultRootObject == "" && a.DynamicOrigin == nil {
		a.DefaultRootObject = "index.html"
	}
	argutil.Default(&a.ResponseHeadersPolicyID, SecurityHeadersPolicyID)
	argutil.DefaultPtr(&a.AccessLogs, true)
	argutil.Default(&a.AccessLogRetentionDays, 90)
	if a.DynamicOrigin != nil {
		d := *a.DynamicOrigin
		argutil.Default(&d.HTTPPort, 80)
		argutil.Default(&d.HTTPSPort, 443)
		if len(d.StaticPathPatterns) == 0 {
			d.StaticPathPatterns = []string{"/static/*"}
		}
		a.DynamicOrigin = &d
	}
	if len(a.CorsRules) > 0 {
		rules := make([]CorsRule, len(a.CorsRules))
		for i, r := range a.CorsRules {
			if len(r.AllowedMethods) == 0 {
				r.AllowedMethods = []string{"GET", "HEAD"}
			}
			argutil.Default(&r.MaxAgeSeconds, 3000)
			rules[i] = r
		}
		a.CorsRules = rules
	}
	return a
}

// needsUsEast1 reports whether any child must be created in us-east-1.
func (a StaticAssetsCdnArgs) needsUsEast1() bool {
	return *a.AccessLogs || (a.Domain != nil && a.Domain.CertificateArn == nil)
}

// Validate reports every problem AWS would reject, each naming the field, the limit and the fix.
// It runs before any resource is registered. Values given as pulumi.String are checked; values
// only known after deployment (outputs) are checked by AWS.
func (a StaticAssetsCdnArgs) Validate() error {
	a = a.withDefaults()
	var l fielderr.List

	fielderr.OneOf(&l, "PriceClass", a.PriceClass, PriceClassAll, PriceClass200, PriceClass100)
	if a.NoncurrentVersionExpirationDays < 1 {
		// S3 LifecycleRule NoncurrentVersionExpiration.NoncurrentDays must be a positive integer.
		l.Addf("NoncurrentVersionExpirationDays", "is %d: S3 needs a positive number of days; use 1 or more", a.NoncurrentVersionExpirationDays)
	}
	if a.AccessLogRetentionDays < 1 {
		// S3 LifecycleRule Expiration.Days must be a positive integer.
		l.Addf("AccessLogRetentionDays", "is %d: S3 needs a positive number of days; use 1 or more", a.AccessLogRetentionDays)
	}
	if a.Protect && a.ForceDestroy {
		l.Addf("ForceDestroy", "and %s are both true: %s empties buckets on destroy and is for dev; unset one of them", fielderr.Ref("Protect"), fielderr.Ref("ForceDestroy"))
	}
	if strings.HasPrefix(a.DefaultRootObject, "/") {
		// CloudFront DistributionConfig.DefaultRootObject: "Don't add a / before the object name".
		l.Addf("DefaultRootObject", "is %q: CloudFront wants the object name without a leading slash; use %q", a.DefaultRootObject, strings.TrimLeft(a.DefaultRootObject, "/"))
	}
	if a.SinglePageApp && a.DynamicOrigin != nil {
		l.Addf("SinglePageApp", "is true with a %[1]s: the 403/404 rewrite would also hide the app's own errors; serve index.html from the app or drop %[1]s", fielderr.Ref("DynamicOrigin"))
	}
	if len(a.CorsRules) > MaxCorsRules {
		l.Addf("CorsRules", "has %d rules: S3 accepts at most %d; merge rules", len(a.CorsRules), MaxCorsRules)
	}
	for i, r := range a.CorsRules {
		if len(r.AllowedOrigins) == 0 {
			l.Addf(fmt.Sprintf("CorsRules[%d].AllowedOrigins", i), "is empty: S3 needs at least one origin such as \"https://example.com\"")
		}
		for _, m := range r.AllowedMethods {
			if !slices.Contains(corsMethods, m) {
				l.Addf(fmt.Sprintf("CorsRules[%d].AllowedMethods", i), "has %q: S3 accepts only %s", m, strings.Join(corsMethods, ", "))
			}
		}
		if r.MaxAgeSeconds < 0 {
			l.Addf(fmt.Sprintf("CorsRules[%d].MaxAgeSeconds", i), "is %d: use 0 or more seconds", r.MaxAgeSeconds)
		}
	}
	if g := a.GeoRestriction; g != nil {
		if g.Type != "whitelist" && g.Type != "blacklist" {
			l.Addf("GeoRestriction.Type", "is %q: use \"whitelist\" or \"blacklist\"", g.Type)
		}
		if len(g.Locations) == 0 {
			l.Addf("GeoRestriction.Locations", "is empty: list ISO 3166-1 alpha-2 country codes such as \"US\", or drop %s", fielderr.Ref("GeoRestriction"))
		}
		for _, loc := range g.Locations {
			if !countryCode.MatchString(loc) {
				l.Addf("GeoRestriction.Locations", "has %q: use ISO 3166-1 alpha-2 codes, two upper-case letters such as \"DE\"", loc)
			}
		}
	}
	if arn, ok := knownString(a.WebACLArn); ok {
		l.Append(checkWebACLArn(arn))
	}
	if d := a.DynamicOrigin; d != nil {
		d.validate("DynamicOrigin", &l)
	}
	if d := a.Domain; d != nil {
		d.validate("Domain", &l)
	}
	if a.UploadDirectory != "" {
		if info, err := os.Stat(a.UploadDirectory); err != nil || !info.IsDir() {
			l.Addf("UploadDirectory", "%q is not a readable directory: build the assets first or point it at the build output", a.UploadDirectory)
		}
	}
	l.Tags("Tags", a.Tags, MaxTags, "S3 and CloudFront")
	return l.Err()
}

// validate checks a DynamicOrigin at path.
func (d DynamicOrigin) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	if d.DomainName == nil {
		l.Addf(at("DomainName"), "is unset: pass the load balancer's DNS name (or, with HTTPS, the name its certificate covers)")
	}
	if host, ok := knownString(d.DomainName); ok {
		if err := checkHostname(at("DomainName"), host, false); err != nil {
			l.Append(err)
		} else if d.HTTPS && strings.HasSuffix(strings.ToLower(host), ".elb.amazonaws.com") {
			// CloudFront "Requirements for using SSL/TLS certificates with CloudFront" (origin): the
			// origin's certificate must match the origin domain name; no certificate covers
			// *.elb.amazonaws.com, so CloudFront would answer 502.
			l.Addf(at("DomainName"), "is %q with HTTPS: the ALB's certificate cannot match an *.elb.amazonaws.com name; use a name on the ALB's certificate that points at the ALB (e.g. origin.example.com), or set %s to false", host, fielderr.Ref(at("HTTPS")))
		}
	}
	for _, p := range []struct {
		field string
		port  int
	}{{"HTTPPort", d.HTTPPort}, {"HTTPSPort", d.HTTPSPort}} {
		// CloudFront CustomOriginConfig HTTPPort/HTTPSPort: 80, 443, or 1024–65535.
		if p.port != 80 && p.port != 443 && (p.port < 1024 || p.port > 65535) {
			l.Addf(at(p.field), "is %d: CloudFront accepts 80, 443 or 1024–65535", p.port)
		}
	}
	if d.VPCOrigin && d.LoadBalancerArn == nil {
		l.Addf(at("LoadBalancerArn"), "is unset with %s: a CloudFront VPC origin is created from the ALB's ARN; pass it", fielderr.Ref(at("VPCOrigin")))
	}
	if arn, ok := knownString(d.LoadBalancerArn); ok && !strings.Contains(arn, ":elasticloadbalancing:") {
		l.Addf(at("LoadBalancerArn"), "is %q: it must be an Elastic Load Balancing ARN (arn:aws:elasticloadbalancing:...)", arn)
	}
	if n := len(d.StaticPathPatterns); n+1 > MaxCacheBehaviors {
		l.Addf(at("StaticPathPatterns"), "has %d patterns: CloudFront allows %d cache behaviours per distribution, including the default; merge patterns", n, MaxCacheBehaviors)
	}
	seen := map[string]bool{}
	for i, p := range d.StaticPathPatterns {
		switch {
		case p == "" || p == "*" || p == "/*":
			l.Addf(fielderr.Index(at("StaticPathPatterns"), i), "is %q: that would take every path from the app; use a prefix such as \"/static/*\"", p)
		case len(p) > MaxPathPatternLength:
			l.Addf(fielderr.Index(at("StaticPathPatterns"), i), "is %d characters: CloudFront allows %d", len(p), MaxPathPatternLength)
		case seen[p]:
			l.Addf(at("StaticPathPatterns"), "lists %q twice: list each pattern once", p)
		}
		seen[p] = true
	}
}

// validate checks a CustomDomain at path.
func (d CustomDomain) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	if len(d.Names) == 0 {
		l.Addf(at("Names"), "is empty: list the domain names to serve, e.g. [\"example.com\", \"www.example.com\"], or drop Domain")
	}
	seen := map[string]bool{}
	for i, n := range d.Names {
		l.Append(checkHostname(fielderr.Index(at("Names"), i), n, true))
		if seen[strings.ToLower(n)] {
			l.Addf(at("Names"), "lists %q twice: list each name once", n)
		}
		seen[strings.ToLower(n)] = true
	}
	if d.CertificateArn == nil {
		if d.HostedZoneID == nil {
			l.Addf(at("HostedZoneID"), "is unset: the component validates its certificate with DNS records in that Route 53 zone; pass the zone ID, or pass %s", fielderr.Ref(at("CertificateArn")))
		}
		if len(d.Names) > MaxCertificateDomainNames {
			// ACM quotas: "Domain names per ACM certificate" defaults to 10.
			l.Addf(at("Names"), "has %d names: an ACM certificate holds %d by default; request a quota increase and pass %s, or use a wildcard", len(d.Names), MaxCertificateDomainNames, fielderr.Ref(at("CertificateArn")))
		}
	}
	if arn, ok := knownString(d.CertificateArn); ok {
		l.Append(checkCertificateArn(arn))
	}
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// knownString returns the value of a StringInput given as a plain pulumi.String.
func knownString(in pulumi.StringInput) (string, bool) {
	s, ok := in.(pulumi.String)
	return string(s), ok
}
