package cdn

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/awsprovider"
	"github.com/tenkstack/tenk/components/internal/dnsvalidation"
)

// certificate returns the ARN of a validated us-east-1 certificate for d.Names: the caller's, or
// one the component requests through the us-east-1 provider, validates with one DNS record per
// distinct name, and waits for. The distribution takes the ARN from the CertificateValidation, so
// it is created only once the certificate is issued.
func certificate(ctx *pulumi.Context, name string, d *CustomDomain, usEast1 pulumi.ProviderResource, tags map[string]string, parent pulumi.ResourceOption) (pulumi.StringOutput, error) {
	if d.CertificateArn != nil {
		return d.CertificateArn.ToStringOutput(), nil
	}
	// ACM "Supported Regions": CloudFront only uses certificates requested in us-east-1.
	cert, err := acm.NewCertificate(ctx, name+"-certificate", &acm.CertificateArgs{
		DomainName:              pulumi.String(d.Names[0]),
		SubjectAlternativeNames: pulumi.ToStringArray(d.Names[1:]),
		ValidationMethod:        pulumi.String("DNS"),
		Tags:                    pulumi.ToStringMap(tags),
	}, parent, awsprovider.Option(usEast1))
	if err != nil {
		return pulumi.StringOutput{}, err
	}

	var records []*route53.Record
	for _, domain := range validationNames(d.Names) {
		option := cert.DomainValidationOptions.ApplyT(func(options []acm.CertificateDomainValidationOption) (acm.CertificateDomainValidationOption, error) {
			return validationOption(options, domain)
		}).(acm.CertificateDomainValidationOptionOutput)
		record, err := dnsvalidation.Record(ctx, name+"-validation-"+resourceSuffix(domain), d.HostedZoneID, option, parent)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		records = append(records, record)
	}
	return dnsvalidation.Issued(ctx, name, cert, records, parent, awsprovider.Option(usEast1))
}

// validationOption finds the validation record ACM asks for one domain name.
func validationOption(options []acm.CertificateDomainValidationOption, domain string) (acm.CertificateDomainValidationOption, error) {
	for _, o := range options {
		if o.DomainName != nil && strings.EqualFold(*o.DomainName, domain) {
			return o, nil
		}
	}
	return acm.CertificateDomainValidationOption{}, fmt.Errorf("ACM returned no DNS validation record for %q", domain)
}

// aliasRecords points an A and an AAAA alias record per name at the distribution (Route 53
// Developer Guide, "Routing traffic to a CloudFront distribution": alias to the distribution's
// domain name and hosted zone ID; AAAA because the distribution serves IPv6).
func aliasRecords(ctx *pulumi.Context, name string, d *CustomDomain, dist *cloudfront.Distribution, parent pulumi.ResourceOption) error {
	for _, domain := range d.Names {
		for _, typ := range []string{"A", "AAAA"} {
			if _, err := route53.NewRecord(ctx, fmt.Sprintf("%s-alias-%s-%s", name, strings.ToLower(typ), resourceSuffix(domain)), &route53.RecordArgs{
				ZoneId: d.HostedZoneID,
				Name:   pulumi.String(domain),
				Type:   pulumi.String(typ),
				Aliases: route53.RecordAliasArray{&route53.RecordAliasArgs{
					Name:                 dist.DomainName,
					ZoneId:               dist.HostedZoneId,
					EvaluateTargetHealth: pulumi.Bool(false),
				}},
			}, parent); err != nil {
				return err
			}
		}
	}
	return nil
}

// viewerCertificate is CloudFront's default certificate without a Domain; with one, the
// validated us-east-1 certificate (certificate) and the names as aliases.
func viewerCertificate(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, usEast1 pulumi.ProviderResource, parent pulumi.ResourceOption) (*cloudfront.DistributionViewerCertificateArgs, pulumi.StringArrayInput, error) {
	if a.Domain == nil {
		return &cloudfront.DistributionViewerCertificateArgs{CloudfrontDefaultCertificate: pulumi.Bool(true)}, nil, nil
	}
	certArn, err := certificate(ctx, name, a.Domain, usEast1, a.Tags, parent)
	if err != nil {
		return nil, nil, err
	}
	// sni-only: dedicated-IP SSL costs $600/month and no current browser needs it.
	return &cloudfront.DistributionViewerCertificateArgs{
		AcmCertificateArn:      certArn,
		SslSupportMethod:       pulumi.String("sni-only"),
		MinimumProtocolVersion: pulumi.String(minimumViewerTLS),
	}, pulumi.ToStringArray(a.Domain.Names), nil
}
