package conformance

import (
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
)

const (
	awsSDK     = "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/"
	components = "github.com/tenkstack/tenk/components/"
	shared     = components + "internal/"
)

// checkImportWeight: the package compiles the pulumi-aws services of its budget, each of them,
// and no other component (shared helpers under components/internal are fine: their AWS imports
// count against the budget).
func checkImportWeight(c Component) error {
	pkg := c.pkg()
	if pkg == "" {
		return nil
	}
	out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		return fmt.Errorf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	return withinBudget(pkg, strings.Fields(string(out)), c.Budget)
}

// withinBudget checks the dependency list of pkg against budget.
func withinBudget(pkg string, deps []string, budget Budget) error {
	var errs []error
	used := map[string]bool{}
	for _, d := range deps {
		if rest, ok := strings.CutPrefix(d, awsSDK); ok {
			service := strings.SplitN(rest, "/", 2)[0]
			used[service] = true
			if service != "internal" && !slices.Contains(budget.AWS, service) {
				errs = append(errs, fmt.Errorf("%s compiles %s%s, outside its budget %v", pkg, awsSDK, rest, budget.AWS))
			}
		}
		if strings.HasPrefix(d, components) && !strings.HasPrefix(d, shared) && d != pkg {
			errs = append(errs, fmt.Errorf("%s imports another component, %s", pkg, d))
		}
	}
	for _, service := range budget.AWS {
		if !used[service] {
			errs = append(errs, fmt.Errorf("%s's budget lists %s, which it does not compile: remove it", pkg, service))
		}
	}
	return errors.Join(errs...)
}
