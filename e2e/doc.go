// Package e2e is tenk's acceptance test on a real AWS account: it deploys a throwaway stack of
// this project with the Pulumi Automation API, probes what was built (CloudFront, the private
// bucket, the load balancer's exposure, every instance's settings, the database, the cache, the
// session table, the alarms), proves that a preview, a refresh and a second `up` change nothing,
// and always destroys the stack afterwards. The application variants (appvariants.go) deploy the
// reference application (app/) and probe it through CloudFront with its own deep probes; the
// rollout variant then ships a release that crashes on start, which must roll back while the
// site keeps serving, and its fix, which must roll forward (rollout.go).
//
// The test itself carries the build tag `e2e` (`make e2e`), so `go test ./...` stays offline.
// Everything it decides — which checks pass, the per-component timings from engine events, the
// results file, the cleanup order and its wait for a VPC origin's leftovers, the config of each
// variant, when to skip (or, under CI=true, fail) — lives in the untagged files of this package
// and is unit-tested against fakes, without network. So is Stack, the Automation API stack with
// every operation bounded, tested against a fake `pulumi` CLI (stack_test.go).
package e2e
