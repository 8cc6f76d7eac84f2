package tests

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Stubs for components/webtier: the outputs the ELBv2, EC2, Auto Scaling and IAM providers compute
// (names, DNS name, zone ID, ARN suffixes, launch template version) and the CloudFront
// origin-facing managed prefix list lookup.
func init() {
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
