package providers

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// CloudFrontHostedZoneID is the Route 53 zone every CloudFront distribution's alias records use.
const CloudFrontHostedZoneID = "Z2FDTNDATAQYW2"

// Outputs the providers compute for components/cdn's resources.
var cdnStubs = []monitor.Stub{
	{Token: "aws:s3/bucketV2:BucketV2", Outputs: func(r monitor.Resource) resource.PropertyMap {
		bucket := r.String("bucket")
		if bucket == "" {
			bucket = r.Name + "-bucket" // auto-named by the provider
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"bucket":                   bucket,
			"arn":                      "arn:aws:s3:::" + bucket,
			"bucketDomainName":         bucket + ".s3.amazonaws.com",
			"bucketRegionalDomainName": bucket + ".s3.us-east-1.amazonaws.com",
		})
	}},
	{Token: "aws:cloudfront/distribution:Distribution", Outputs: func(r monitor.Resource) resource.PropertyMap {
		id := r.Name + "-id"
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn":          "arn:aws:cloudfront::123456789012:distribution/" + id,
			"domainName":   "d" + strings.ToLower(strings.ReplaceAll(r.Name, "-", "")) + ".cloudfront.net",
			"hostedZoneId": CloudFrontHostedZoneID,
			"status":       "Deployed",
		})
	}},
	{Token: "aws:acm/certificate:Certificate", Outputs: func(r monitor.Resource) resource.PropertyMap {
		names := append([]string{r.String("domainName")}, r.Strings("subjectAlternativeNames")...)
		var options []map[string]any
		for _, n := range names {
			// ACM gives "*.example.com" the same record as "example.com".
			base := strings.TrimPrefix(n, "*.")
			options = append(options, map[string]any{
				"domainName":          n,
				"resourceRecordName":  "_x1." + base + ".",
				"resourceRecordType":  "CNAME",
				"resourceRecordValue": "_x2." + base + ".acm-validations.aws.",
			})
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"domainValidationOptions": options,
			"arn":                     "arn:aws:acm:us-east-1:123456789012:certificate/" + r.Name,
		})
	}},
	{Token: "aws:route53/record:Record", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"fqdn": strings.TrimSuffix(r.String("name"), "."),
		})
	}},
	{Token: "aws:cloudwatch/logDeliverySource:LogDeliverySource", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": r.Name,
			"arn":  "arn:aws:logs:us-east-1:123456789012:delivery-source:" + r.Name,
		})
	}},
}
