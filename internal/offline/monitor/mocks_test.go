package monitor_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// TestALaterStubReplacesAnEarlierOne: NewMocks installs stubs in order, so a test overrides a
// default by passing its own after it.
func TestALaterStubReplacesAnEarlierOne(t *testing.T) {
	answer := func(region string) monitor.Stub {
		return monitor.Stub{Token: "test:index:where", Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
			return resource.PropertyMap{"region": resource.NewProperty(region)}, nil
		}}
	}
	m := monitor.NewMocks(answer("us-east-1"), answer("eu-west-1"))
	out, err := m.Call(pulumi.MockCallArgs{Token: "test:index:where"})
	if err != nil {
		t.Fatal(err)
	}
	if got := out["region"].StringValue(); got != "eu-west-1" {
		t.Errorf("answered %q, want the later stub's eu-west-1", got)
	}
	if _, err := m.Call(pulumi.MockCallArgs{Token: "test:index:unknown"}); err == nil {
		t.Error("an invoke without a stub must fail the run")
	}
}
