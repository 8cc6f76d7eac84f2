package plan_test

import (
	"testing"

	"github.com/tenkstack/tenk/internal/plan"
)

// BenchmarkPlanProd is `tenkctl plan -s prod` without the rendering: load the stack config, run the
// program under mocks, build and price the plan.
func BenchmarkPlanProd(b *testing.B) {
	for b.Loop() {
		if _, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod"}); err != nil {
			b.Fatal(err)
		}
	}
}
