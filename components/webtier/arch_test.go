package webtier

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInstanceArchitecture(t *testing.T) {
	for _, tc := range []struct {
		instanceType string
		want         Architecture
	}{
		{"t4g.small", ArchArm64},
		{"m7g.large", ArchArm64},
		{"m7gd.xlarge", ArchArm64},
		{"c7gn.2xlarge", ArchArm64},
		{"r8g.large", ArchArm64},
		{"x2gd.medium", ArchArm64},
		{"im4gn.large", ArchArm64},
		{"is4gen.medium", ArchArm64},
		{"hpc7g.4xlarge", ArchArm64},
		{"g5g.xlarge", ArchArm64},
		{"a1.large", ArchArm64},
		{"t3.micro", ArchX86},
		{"m5.large", ArchX86},
		{"m7i-flex.large", ArchX86},
		{"g4dn.xlarge", ArchX86},
		{"c6in.large", ArchX86},
		{"m5zn.large", ArchX86},
		{"x2iedn.xlarge", ArchX86},
		{"c7a.medium", ArchX86},
		{"m7i.metal-24xl", ArchX86},
	} {
		got, ok := InstanceArchitecture(tc.instanceType)
		assert.True(t, ok, tc.instanceType)
		assert.Equal(t, tc.want, got, tc.instanceType)
	}
	for _, bad := range []string{"", "large", "m7g", "m7g.", ".large", "7g.large", "mg.large", "M7G.large", "m7g.large.x"} {
		_, ok := InstanceArchitecture(bad)
		assert.False(t, ok, "%q is not an instance type", bad)
	}
}

func TestDefaultImageIDIsTheAL2023Parameter(t *testing.T) {
	assert.Equal(t, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", DefaultImageID(ArchArm64))
	assert.Equal(t, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", DefaultImageID(ArchX86))
	assert.Equal(t, ArchArm64, ImageArchitectureOf(DefaultImageID(ArchArm64)))
	assert.Equal(t, ArchX86, ImageArchitectureOf(DefaultImageID(ArchX86)))
}

func TestImageArchitectureOf(t *testing.T) {
	assert.Equal(t, ArchArm64, ImageArchitectureOf("resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id"))
	assert.Equal(t, ArchX86, ImageArchitectureOf("resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"))
	assert.Equal(t, Architecture(""), ImageArchitectureOf("ami-0123456789abcdef0"))
	assert.Equal(t, Architecture(""), ImageArchitectureOf("resolve:ssm:/my/golden/ami"))
}

func TestIsModernSslPolicy(t *testing.T) {
	for _, ok := range []string{DefaultSslPolicy, "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10"} {
		assert.True(t, IsModernSslPolicy(ok), ok)
	}
	for _, weak := range []string{"", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
		"ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS13-"} {
		assert.False(t, IsModernSslPolicy(weak), weak)
	}
}
