package stacks

import "github.com/tenkstack/tenk/internal/configschema"

// appSection is tenk:app, the application the web tier runs (Application): an image, or a build
// context `pulumi up` builds (components/appimage); neither runs the built-in server.
var appSection = configschema.Section[Config]{
	Name: "app", Args: "App", Summary: "application",
	Rows: []configschema.Row{
		configschema.Setting("image", "App.Image",
			"`<repository>@sha256:<digest>`, or an ECR tag in the stack's account and Region (resolved to its digest at every deploy); not with `build`",
			"The container image the instances run ([Ship your application](#ship-your-application)); empty with no `build`: the built-in server."),
		configschema.Setting("build", "App.Build",
			"a directory with a Dockerfile, relative to the project; not with `image`",
			"The directory Docker builds the image from: `pulumi up` builds it for the instances' architecture, pushes it to an ECR repository the stack creates and deploys that digest (needs Docker when the context changed)."),
		configschema.Setting("dockerfile", "App.Dockerfile", "with `build`",
			"The Dockerfile, when it is not `Dockerfile` in the build context."),
		configschema.Setting("environment", "App.Environment",
			"names `[A-Za-z_][A-Za-z0-9_]*`, one-line values; not a stack setting's name",
			"Extra plain variables in the container's environment (never secrets: they are in the launch template)."),
		configschema.Setting("command", "App.Command", "one line per argument",
			"Replaces the image's CMD (its ENTRYPOINT stays)."),
		configschema.Setting("keepReleases", "App.KeepReleases", "3–1000; with `build`",
			"Images the built repository keeps; older ones expire."),
	},
	// The web tier's and the build's fields, as the stack fills them from tenk:app.
	Aliases: map[string]string{
		"App.Application.Image.Reference":        "image",
		"App.Application.Image.Environment":      "environment",
		"App.Application.Image.Command":          "command",
		"App.Application.Image.LogRetentionDays": "tenk:network.flowLogRetentionDays",
		"App.Context":                            "build",
		"App.Platform":                           "tenk:web.instanceType",
		"App.Tags":                               "the repository's tags",
	},
	Baseline: func(c *Config) { c.App = Application{} },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{{Path: "App", Effective: c.App.withDefaults(), Err: c.App.check(c)}}
	},
}
