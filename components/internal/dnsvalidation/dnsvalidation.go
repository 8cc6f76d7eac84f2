// Package dnsvalidation is the one recipe for validating an ACM certificate through Route 53, used
// by the CDN (its us-east-1 certificate) and the web tier (the ALB's certificate): one DNS record
// per validation option ACM returns, then a CertificateValidation that waits until the certificate
// is issued, whose CertificateArn the listener or distribution takes, so neither is created with a
// certificate that is still pending.
package dnsvalidation

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Record writes the validation record ACM asks for in option, as resource recordName in the
// hosted zone zoneID.
func Record(ctx *pulumi.Context, recordName string, zoneID pulumi.StringInput, option acm.CertificateDomainValidationOptionOutput, opts ...pulumi.ResourceOption) (*route53.Record, error) {
	return route53.NewRecord(ctx, recordName, &route53.RecordArgs{
		ZoneId:  zoneID,
		Name:    option.ResourceRecordName().Elem(),
		Type:    option.ResourceRecordType().Elem(),
		Records: pulumi.StringArray{option.ResourceRecordValue().Elem()},
		Ttl:     pulumi.Int(60),
		// ACM reuses one validation CNAME per name and account; a replaced certificate's record
		// must be able to take it over.
		AllowOverwrite: pulumi.Bool(true),
	}, opts...)
}

// Issued registers "<name>-certificate-validation", which waits until cert is issued against the
// records, and returns the certificate's ARN from it: whatever takes this ARN is created only
// once the certificate is usable.
func Issued(ctx *pulumi.Context, name string, cert *acm.Certificate, records []*route53.Record, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	fqdns := make(pulumi.StringArray, 0, len(records))
	for _, r := range records {
		fqdns = append(fqdns, r.Fqdn)
	}
	validation, err := acm.NewCertificateValidation(ctx, name+"-certificate-validation", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: fqdns,
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return validation.CertificateArn, nil
}
