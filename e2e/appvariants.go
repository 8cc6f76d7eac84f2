package e2e

import "maps"

// The application variants deploy the reference application (app/) instead of the built-in
// server (`make e2e VARIANT=app|rollout`).
const (
	// VariantApp is dev running the reference application, its image built by `pulumi up`
	// (tenk:app.build), probed through CloudFront with app/cmd/tenk-probe.
	VariantApp Variant = "app"
	// VariantRollout is VariantApp plus two releases: one that fails its health check and must
	// roll back while the site keeps serving, then a fixed one that must roll forward.
	VariantRollout Variant = "rollout"
)

// AppBuildContext is tenk:app.build of the application variants: the reference application's
// directory relative to the Pulumi project (this repository's root), where the CLI runs the
// program.
const AppBuildContext = "app"

// The application variants' instances: two, so that the deep check must answer from each and a
// session must cross them, and dev's 50 % minimum healthy keeps one serving while the other is
// replaced; the maximum leaves room for dev's 150 % during a refresh.
const (
	appInstances    = "2"
	appMaxInstances = "4"
)

// The releases of VariantRollout differ only in the container's GOMEMLIMIT, a Go runtime
// setting. The Go runtime accepts the units B, KiB, MiB, GiB and TiB and aborts any Go program
// started with another ("fatal error: malformed GOMEMLIMIT", runtime/mgcpacer.go
// readGOMEMLIMIT) before main: "512MB" is the one-letter slip that ships a release which crashes
// on start and never passes its health check. The fix, "512MiB", is a third, good release.
const (
	MemoryLimitVariable = "GOMEMLIMIT"
	BadMemoryLimit      = "512MB"
	FixedMemoryLimit    = "512MiB"
)

// ReleaseEntries is the config change that ships the release whose GOMEMLIMIT is limit.
func ReleaseEntries(limit string) []ConfigEntry {
	return []ConfigEntry{{Key: "tenk:app.environment." + MemoryLimitVariable, Value: limit, Path: true}}
}

// appVariants are the variants that deploy the reference application (tenk:app); they join
// variants.
var appVariants = map[Variant]func(Settings) ([]ConfigEntry, Shape){
	VariantApp: func(Settings) ([]ConfigEntry, Shape) {
		return appEntries(), Shape{DatabaseEngine: "postgres", CacheEngine: "valkey", App: true}
	},
	VariantRollout: func(Settings) ([]ConfigEntry, Shape) {
		return appEntries(), Shape{DatabaseEngine: "postgres", CacheEngine: "valkey", App: true, Rollout: true}
	},
}

func appEntries() []ConfigEntry {
	return []ConfigEntry{
		{Key: "tenk:app.build", Value: AppBuildContext, Path: true},
		{Key: "tenk:web.minSize", Value: appInstances, Path: true},
		{Key: "tenk:web.desiredCapacity", Value: appInstances, Path: true},
		{Key: "tenk:web.maxSize", Value: appMaxInstances, Path: true},
	}
}

func init() { maps.Copy(variants, appVariants) }
