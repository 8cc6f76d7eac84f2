package stacks

import (
	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/webtier"
)

// SettingsPrefix is the SSM path a stack's settings live under, "/tenk/<stack>/": the one value
// both the AppConfig parameters and the boot script's reads are built from.
func SettingsPrefix(stack string) string { return "/tenk/" + stack + "/" }

// SettingsWaitSeconds bounds how long a booting instance waits for its settings: 90 minutes,
// longer than a first prod deploy takes to create the Multi-AZ database, its replicas, the cache
// and CloudFront, after which AppConfig writes the ready marker.
const SettingsWaitSeconds = webtier.DefaultSettingsWaitSeconds

// webSettings is where the stack's instances read their settings: AppConfig's path and ready
// marker (the web tier's settings agent, webtier.Settings).
func webSettings(prefix string) *webtier.Settings {
	return &webtier.Settings{Path: prefix, Marker: appconfig.ReadyParameterName(prefix), WaitSeconds: SettingsWaitSeconds}
}
