package tests

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// CloudFrontHostedZoneID is the Route 53 zone every CloudFront distribution's alias records use.
const CloudFrontHostedZoneID = "Z2FDTNDATAQYW2"

// Outputs the providers compute for components/cdn's resources.
func init() {
	DefaultOutputStubs["aws:s3/bucketV2:BucketV2"] = func(r Resource) resource.PropertyMap {
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
	}
	DefaultOutputStubs["aws:cloudfront/distribution:Distribution"] = func(r Resource) resource.PropertyMap {
		id := r.Name + "-id"
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn":          "arn:aws:cloudfront::123456789012:distribution/" + id,
			"domainName":   "d" + strings.ToLower(strings.ReplaceAll(r.Name, "-", "")) + ".cloudfront.net",
			"hostedZoneId": CloudFrontHostedZoneID,
			"status":       "Deployed",
		})
	}
	DefaultOutputStubs["aws:acm/certificate:Certificate"] = func(r Resource) resource.PropertyMap {
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
	}
	DefaultOutputStubs["aws:route53/record:Record"] = func(r Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"fqdn": strings.TrimSuffix(r.String("name"), "."),
		})
	}
	DefaultOutputStubs["aws:cloudwatch/logDeliverySource:LogDeliverySource"] = func(r Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": r.Name,
			"arn":  "arn:aws:logs:us-east-1:123456789012:delivery-source:" + r.Name,
		})
	}
}
