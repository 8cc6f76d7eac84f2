package monitor

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// urnOf mirrors the mock monitor's URN scheme: stack, project, parent type, type and name.
func urnOf(parent, typ, name string) string {
	parentType := ""
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = string(p.QualifiedType()) + "$"
	}
	stack, project := "", ""
	if p := resource.URN(parent); p != "" {
		stack, project = string(p.Stack()), string(p.Project())
	}
	return fmt.Sprintf("urn:pulumi:%s::%s::%s%s::%s", stack, project, parentType, typ, name)
}

// DefaultARN is the ARN the monitor gives a custom resource whose stub computes none: a plausible
// one built from the type token ("aws:rds/instance:Instance" → service rds), region and name.
func (m *Mocks) DefaultARN(typ, name string) string {
	region := m.region()
	service := "pulumi"
	if parts := strings.SplitN(typ, ":", 3); len(parts) == 3 {
		service = strings.SplitN(parts[1], "/", 2)[0]
	}
	return fmt.Sprintf("arn:aws:%s:%s:123456789012:%s", service, region, name)
}
