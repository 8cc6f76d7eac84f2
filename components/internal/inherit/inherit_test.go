package inherit_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
)

// TestOptionsAddOnlyWhatTheCallerAsked: without RetainOnDelete the caller's options pass through
// unchanged (the stacks' URNs and options stay as they were); with it, one transformation is
// added and the caller's slice is left alone.
func TestOptionsAddOnlyWhatTheCallerAsked(t *testing.T) {
	plain := []pulumi.ResourceOption{pulumi.Protect(true)}
	if got := inherit.Options(plain); len(got) != 1 {
		t.Errorf("without RetainOnDelete: %d options, want the caller's 1", len(got))
	}
	retain := make([]pulumi.ResourceOption, 1, 4)
	retain[0] = pulumi.RetainOnDelete(true)
	got := inherit.Options(retain)
	if len(got) != 2 {
		t.Fatalf("with RetainOnDelete: %d options, want the caller's and a transformation", len(got))
	}
	if &got[0] == &retain[0] {
		t.Error("the caller's slice was appended to in place")
	}
	o, err := pulumi.NewResourceOptions(got...)
	if err != nil || len(o.Transformations) != 1 {
		t.Errorf("with RetainOnDelete: options %+v (%v), want one transformation", o, err)
	}
}
