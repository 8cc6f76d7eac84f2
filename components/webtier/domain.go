package webtier

import (
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/dnsvalidation"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// LoadBalancerDomain is a DNS name the ALB serves HTTPS on, with a certificate the component
// issues. Behind CloudFront it is the origin's name (for example "origin.example.com"): CloudFront
// checks the ALB's certificate against the origin domain name, which no certificate can match
// when it is the ALB's own *.elb.amazonaws.com name.
type LoadBalancerDomain struct {
	// Name is the ALB's DNS name, a fully qualified name without a wildcard. Required.
	Name string
	// HostedZoneID is the Route 53 public hosted zone holding Name: the certificate's DNS
	// validation record and the alias record Name → ALB are written there. Required.
	HostedZoneID pulumi.StringInput
}

var hostname = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// validate checks a LoadBalancerDomain at path; withCertificateArn is whether the caller also gave
// CertificateArn.
func (d *LoadBalancerDomain) validate(path string, withCertificateArn bool, l *fielderr.List) {
	if withCertificateArn {
		l.Addf(path, "and %s are both set: %s issues the ALB's certificate; drop one of them", fielderr.Ref("CertificateArn"), fielderr.Ref(path))
	}
	// ACM RequestCertificate DomainName: up to 253 characters of labels; a wildcard would not
	// give the alias record a name.
	if n := strings.ToLower(d.Name); len(n) > 253 || !hostname.MatchString(n) {
		l.Addf(fielderr.Field(path, "Name"), "%q is not a fully qualified DNS name: use one such as \"origin.example.com\" (no wildcard, no trailing dot)", d.Name)
	}
	if d.HostedZoneID == nil {
		l.Addf(fielderr.Field(path, "HostedZoneID"), "is unset: the certificate is validated with a DNS record in that Route 53 zone; pass the zone ID of %q", d.Name)
	}
}

// issueCertificate requests an ACM certificate for d.Name in the ALB's region (ACM "Supported
// Regions": a listener uses certificates of its own region), writes its DNS validation record and
// waits for it: the HTTPS listener takes the ARN from the CertificateValidation, so it is created
// only once the certificate is issued.
func issueCertificate(ctx *pulumi.Context, name string, d *LoadBalancerDomain, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	cert, err := acm.NewCertificate(ctx, name+"-certificate", &acm.CertificateArgs{
		DomainName:       pulumi.String(d.Name),
		ValidationMethod: pulumi.String("DNS"),
		Tags:             tags,
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	option := cert.DomainValidationOptions.Index(pulumi.Int(0))
	record, err := dnsvalidation.Record(ctx, name+"-certificate-validation-record", d.HostedZoneID, option, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return dnsvalidation.Issued(ctx, name, cert, []*route53.Record{record}, opts...)
}

// aliasRecord points d.Name at the ALB (Route 53 "Routing traffic to an ELB load balancer"). For
// an internal ALB the name resolves to private addresses; CloudFront's VPC origin reaches the ALB
// by ARN and uses the name for TLS (SNI and certificate check).
func aliasRecord(ctx *pulumi.Context, name string, d *LoadBalancerDomain, alb *lb.LoadBalancer, opts ...pulumi.ResourceOption) error {
	_, err := route53.NewRecord(ctx, name+"-alias", &route53.RecordArgs{
		ZoneId: d.HostedZoneID,
		Name:   pulumi.String(d.Name),
		Type:   pulumi.String("A"),
		Aliases: route53.RecordAliasArray{&route53.RecordAliasArgs{
			Name:                 alb.DnsName,
			ZoneId:               alb.ZoneId,
			EvaluateTargetHealth: pulumi.Bool(true),
		}},
	}, opts...)
	return err
}
