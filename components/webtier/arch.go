package webtier

import (
	"strings"
	"unicode"
)

// Architecture is a CPU architecture as Amazon Linux names it in its AMI parameters.
type Architecture string

const (
	// ArchArm64 is AWS Graviton (and A1).
	ArchArm64 Architecture = "arm64"
	// ArchX86 is Intel and AMD.
	ArchX86 Architecture = "x86_64"
)

// al2023Parameter is the public SSM parameter AWS keeps pointing at the newest AL2023 AMI.
const al2023Parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-"

// DefaultImageID returns the launch-template image ID that makes EC2 resolve the newest Amazon
// Linux 2023 AMI for arch at launch ("resolve:ssm:…"), so no AMI lookup runs at preview time.
func DefaultImageID(arch Architecture) string {
	return "resolve:ssm:" + al2023Parameter + string(arch)
}

// InstanceArchitecture returns the architecture of an EC2 instance type ("m7g.large" → arm64) and
// whether the type is well formed. Graviton families carry a "g" among the attribute letters
// after the generation digit (t4g, m7gd, c7gn, r8g, x2gd, im4gn, is4gen, hpc7g, g5g); a1 is the
// first-generation Graviton. Every other family is x86_64.
func InstanceArchitecture(instanceType string) (Architecture, bool) {
	family, size, ok := strings.Cut(instanceType, ".")
	if !ok || family == "" || size == "" || strings.Contains(size, ".") {
		return "", false
	}
	if family == "a1" {
		return ArchArm64, true
	}
	// class letters, then generation digits, then attribute letters ("-flex" and the like ignored).
	i := 0
	for i < len(family) && unicode.IsLower(rune(family[i])) {
		i++
	}
	j := i
	for j < len(family) && unicode.IsDigit(rune(family[j])) {
		j++
	}
	if i == 0 || j == i {
		return "", false
	}
	attributes, _, _ := strings.Cut(family[j:], "-")
	if strings.Contains(attributes, "g") {
		return ArchArm64, true
	}
	return ArchX86, true
}

// ImageArchitectureOf returns the architecture an image ID names when it can be known without an
// API call: a "resolve:ssm:" parameter path ending in arm64 or x86_64 (the Amazon Linux, Ubuntu and
// Bottlerocket public parameters do). An "ami-…" ID gives "".
func ImageArchitectureOf(imageID string) Architecture {
	path, ok := strings.CutPrefix(imageID, "resolve:ssm:")
	if !ok {
		return ""
	}
	switch {
	case strings.Contains(path, "arm64"), strings.Contains(path, "aarch64"):
		return ArchArm64
	case strings.Contains(path, "x86_64"), strings.Contains(path, "amd64"):
		return ArchX86
	}
	return ""
}

// DefaultSslPolicy is TLS 1.3 with TLS 1.2 fallback, the console default; the API's own default,
// ELBSecurityPolicy-2016-08, still allows TLS 1.0 and 1.1.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// IsModernSslPolicy reports whether an ALB security policy refuses TLS 1.0 and 1.1: the TLS13-*,
// TLS-1-2-* and FS-1-2-* families (ELB "Security policies for your Application Load Balancer").
func IsModernSslPolicy(policy string) bool {
	for _, prefix := range []string{"ELBSecurityPolicy-TLS13-", "ELBSecurityPolicy-TLS-1-2-", "ELBSecurityPolicy-FS-1-2-"} {
		if strings.HasPrefix(policy, prefix) && len(policy) > len(prefix) {
			return true
		}
	}
	return false
}
