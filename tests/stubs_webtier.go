package tests

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// MockAccountID is the account getCallerIdentity answers with under mocks (the same account the
// harness's fake ARNs carry).
const MockAccountID = "123456789012"

// Stubs for components/webtier: the outputs the ELBv2, EC2, Auto Scaling and IAM providers compute
// (names, DNS name, zone ID, ARN suffixes, launch template version), the CloudFront
// origin-facing managed prefix list lookup, and the Region and caller-identity lookups of the
// access-log bucket policy. The access-log bucket's outputs come from the BucketV2 stub in
// stubs_cdn.go.
func init() {
	if _, ok := DefaultInvokeStubs["aws:index/getRegion:getRegion"]; !ok {
		DefaultInvokeStubs["aws:index/getRegion:getRegion"] = RegionStub("us-east-1")
	}
	if _, ok := DefaultInvokeStubs["aws:index/getCallerIdentity:getCallerIdentity"]; !ok {
		DefaultInvokeStubs["aws:index/getCallerIdentity:getCallerIdentity"] = func(resource.PropertyMap) (resource.PropertyMap, error) {
			return resource.NewPropertyMapFromMap(map[string]any{
				"accountId": MockAccountID,
				"arn":       "arn:aws:iam::" + MockAccountID + ":user/pulumi",
				"id":        MockAccountID,
				"userId":    "AIDAMOCKUSERID",
			}), nil
		}
	}
	DefaultOutputStubs["aws:lb/loadBalancer:LoadBalancer"] = func(r Resource) resource.PropertyMap {
		scheme := ""
		if r.Bool("internal") {
			scheme = "internal-"
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":      r.Name,
			"dnsName":   fmt.Sprintf("%s%s-1234567890.us-east-1.elb.amazonaws.com", scheme, r.Name),
			"zoneId":    "Z35SXDOTRQ7X7K", // ELB's canonical hosted zone in us-east-1
			"arnSuffix": fmt.Sprintf("app/%s/50dc6c495c0c9188", r.Name),
		})
	}
	DefaultOutputStubs["aws:lb/targetGroup:TargetGroup"] = func(r Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":      r.Name,
			"arnSuffix": fmt.Sprintf("targetgroup/%s/73e2d6bc24d8a067", r.Name),
		})
	}
	DefaultOutputStubs["aws:ec2/launchTemplate:LaunchTemplate"] = func(Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{"latestVersion": 1, "defaultVersion": 1})
	}
	DefaultOutputStubs["aws:autoscaling/group:Group"] = func(r Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{"name": r.Name})
	}
	if _, ok := DefaultOutputStubs["aws:iam/role:Role"]; !ok {
		// Auto-named: the provider computes the name from the logical name.
		DefaultOutputStubs["aws:iam/role:Role"] = func(r Resource) resource.PropertyMap {
			if name := r.String("name"); name != "" {
				return resource.PropertyMap{}
			}
			return resource.NewPropertyMapFromMap(map[string]any{"name": r.Name})
		}
	}
	DefaultInvokeStubs["aws:ec2/getManagedPrefixList:getManagedPrefixList"] = func(args resource.PropertyMap) (resource.PropertyMap, error) {
		name := ""
		if v, ok := args["name"]; ok && v.IsString() {
			name = v.StringValue()
		}
		if name != "com.amazonaws.global.cloudfront.origin-facing" {
			return nil, fmt.Errorf("tests: no managed prefix list named %q", name)
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"id":            "pl-3b927c52",
			"arn":           "arn:aws:ec2:us-east-1:aws:prefix-list/pl-3b927c52",
			"name":          name,
			"addressFamily": "IPv4",
			"maxEntries":    55,
			"ownerId":       "AWS",
			"version":       1,
			"entries":       []any{},
			"filters":       []any{},
			"tags":          map[string]any{},
		}), nil
	}
}

// RegionStub answers getRegion for the provider's region (or the Region named in the call); set
// it on Mocks.InvokeStubs to run a program as if deployed in another Region.
func RegionStub(region string) InvokeStub {
	return func(args resource.PropertyMap) (resource.PropertyMap, error) {
		name := region
		if v, ok := args["name"]; ok && v.IsString() && v.StringValue() != "" {
			name = v.StringValue()
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":        name,
			"id":          name,
			"endpoint":    "ec2." + name + ".amazonaws.com",
			"description": name,
		}), nil
	}
}
