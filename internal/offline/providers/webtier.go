package providers

import (
	"crypto/sha256"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// MockAccountID is the account getCallerIdentity answers with under mocks (the same account the
// harness's fake ARNs carry).
const MockAccountID = "123456789012"

// Stubs for components/webtier: the outputs the ELBv2, EC2, Auto Scaling and IAM providers compute
// (names, DNS name, zone ID, ARN suffixes, launch template version), the CloudFront
// origin-facing managed prefix list lookup, and the Region and caller-identity lookups of the
// access-log bucket policy. The access-log bucket's outputs come from the BucketV2 stub in
// cdn.go.
var webtierStubs = []monitor.Stub{
	Region("us-east-1"),
	{Token: "aws:index/getCallerIdentity:getCallerIdentity", Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": MockAccountID,
			"arn":       "arn:aws:iam::" + MockAccountID + ":user/pulumi",
			"id":        MockAccountID,
			"userId":    "AIDAMOCKUSERID",
		}), nil
	}},
	{Token: "aws:lb/loadBalancer:LoadBalancer", Outputs: func(r monitor.Resource) resource.PropertyMap {
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
	}},
	{Token: "aws:lb/targetGroup:TargetGroup", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":      r.Name,
			"arnSuffix": fmt.Sprintf("targetgroup/%s/73e2d6bc24d8a067", r.Name),
		})
	}},
	{Token: "aws:ec2/launchTemplate:LaunchTemplate", Outputs: func(monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{"latestVersion": 1, "defaultVersion": 1})
	}},
	{Token: "aws:autoscaling/group:Group", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{"name": r.Name})
	}},
	// Auto-named: the provider computes the name from the logical name.
	{Token: "aws:iam/role:Role", Outputs: func(r monitor.Resource) resource.PropertyMap {
		if name := r.String("name"); name != "" {
			return resource.PropertyMap{}
		}
		return resource.NewPropertyMapFromMap(map[string]any{"name": r.Name})
	}},
	{Token: "aws:ec2/getManagedPrefixList:getManagedPrefixList", Invoke: managedPrefixList},
	// Auto-named: the instance refresh names its rollback alarms.
	{Token: "aws:cloudwatch/metricAlarm:MetricAlarm", Outputs: autoNamedOutputs},
	// The AMI pin: the engine's Stash keeps its first input as its output.
	{Token: "pulumi:index:Stash", Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.PropertyMap{"output": r.Raw["input"]}
	}},
	// The rollout function is auto-named; its invocation answers with what start_refresh.py
	// returns when the group already saves the version (the first deploy).
	{Token: "aws:lambda/function:Function", Outputs: autoNamedOutputs},
	{Token: "aws:lambda/invocation:Invocation", Outputs: func(monitor.Resource) resource.PropertyMap {
		return resource.PropertyMap{"result": resource.NewProperty(`{"started": false}`)}
	}},
	{Token: "aws:ssm/getParameter:getParameter", Invoke: amiParameter},
	{Token: "aws:ecr/getImage:getImage", Invoke: ecrImage},
}

// MockAMIs are the AMI IDs the public Amazon Linux 2023 parameters hold under mocks.
var MockAMIs = map[string]string{
	"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64":  "ami-0a1b2c3d4e5f60718",
	"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": "ami-08f7e6d5c4b3a2910",
}

// amiParameter answers ssm.getParameter for the AMI parameters in MockAMIs.
func amiParameter(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	name := args["name"].StringValue()
	ami, ok := MockAMIs[name]
	if !ok {
		return nil, fmt.Errorf("providers: no SSM parameter %q", name)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"id": name, "name": name, "type": "String", "value": ami, "insecureValue": ami, "version": 1,
		"arn": "arn:aws:ssm:us-east-1::parameter" + name,
	}), nil
}

// MockImageDigest is the digest ecr.getImage answers for a repository and tag under mocks.
func MockImageDigest(repository, tag string) string {
	return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(repository+":"+tag)))
}

// ecrImage answers ecr.getImage for a tag with MockImageDigest.
func ecrImage(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	repo, tag := args["repositoryName"].StringValue(), ""
	if v, ok := args["imageTag"]; ok && v.IsString() {
		tag = v.StringValue()
	}
	if tag == "" {
		return nil, fmt.Errorf("providers: ecr.getImage for %s without a tag", repo)
	}
	digest := MockImageDigest(repo, tag)
	return resource.NewPropertyMapFromMap(map[string]any{
		"id": digest, "imageDigest": digest, "imageTag": tag, "repositoryName": repo,
		"imagePushedAt": 1700000000, "imageSizeInBytes": 12345678, "imageTags": []any{tag},
		"imageUri": repo + "@" + digest,
	}), nil
}

// managedPrefixList answers the lookup of CloudFront's origin-facing managed prefix list.
func managedPrefixList(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	name := ""
	if v, ok := args["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	if name != "com.amazonaws.global.cloudfront.origin-facing" {
		return nil, fmt.Errorf("providers: no managed prefix list named %q", name)
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

// Region answers getRegion for the provider's region (or the Region named in the call); pass it
// after All to run a program as if deployed in another Region.
func Region(region string) monitor.Stub {
	return monitor.Stub{Token: "aws:index/getRegion:getRegion", Invoke: func(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
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
	}}
}
