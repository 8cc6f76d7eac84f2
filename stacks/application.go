package stacks

import (
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appimage"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Application is tenk:app, the stack's application: each field is the setting of its lowerCamel
// name (table_app.go). The zero value runs the built-in server, so a fresh stack needs no
// configuration. Port and health path are tenk:web.appPort and tenk:web.healthCheckPath; the
// log group keeps tenk:network.flowLogRetentionDays, like the stack's other logs.
type Application struct {
	// Image is tenk:app.image, the image to run (webtier.ContainerImage.Reference): pinned by
	// digest, or an ECR tag in the stack's account and region, resolved to its digest at every
	// deploy. Not with Build. Default: "" (the built-in server).
	Image string
	// Build is tenk:app.build, a Docker build context (a directory, relative to the project):
	// `pulumi up` builds it for the instances' architecture and pushes it to an ECR repository
	// the stack creates (components/appimage), then deploys that digest. Not with Image.
	// Default: "".
	Build string
	// Dockerfile is tenk:app.dockerfile, the Dockerfile for Build. Default: Build/Dockerfile.
	Dockerfile string
	// Environment is tenk:app.environment: extra variables for the container, plain values
	// (never secrets: they are in the launch template). Default: none.
	Environment map[string]string
	// Command is tenk:app.command, replacing the image's CMD. Default: the image's.
	Command []string
	// KeepReleases is tenk:app.keepReleases, the images the built repository keeps (3–1000).
	// Default: 10.
	KeepReleases int
}

// withDefaults is the application as the stack builds it: the build's defaults are appimage's.
func (app Application) withDefaults() Application {
	if app.Dockerfile == "" && app.Build != "" {
		app.Dockerfile = appimage.DefaultDockerfile(app.Build)
	}
	if app.KeepReleases == 0 {
		app.KeepReleases = appimage.DefaultKeepReleases
	}
	return app
}

// builtInServer reports the zero application: no image and no build.
func (app Application) builtInServer() bool { return app.Image == "" && app.Build == "" }

// placeholderBuild is what a build yields, standing in for the digest while validating.
var placeholderBuild = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + strings.Repeat("0", 64)

// check reports the application's problems by field (the section's aliases name the web tier's
// and the build's fields by their tenk:app keys): its own rules, then the web tier's and the
// build's on what the stack would give them.
func (app Application) check(cfg Config) error {
	var l fielderr.List
	if app.Image != "" && app.Build != "" {
		l.Addf("Build", "is set with %s: give the image to run or the context to build, not both", fielderr.Ref("Image"))
	}
	if app.Build == "" && (app.Dockerfile != "" || app.KeepReleases != 0) {
		l.Addf("Build", "is empty while %s or %s is set: they configure a build; set %s or remove them",
			fielderr.Ref("Dockerfile"), fielderr.Ref("KeepReleases"), fielderr.Ref("Build"))
	}
	if app.builtInServer() {
		if len(app.Environment) > 0 || app.Command != nil {
			l.Addf("Image", "is empty while %s or %s is set: they configure an image; set %s or %s",
				fielderr.Ref("Environment"), fielderr.Ref("Command"), fielderr.Ref("Image"), fielderr.Ref("Build"))
		}
		return l.Err()
	}
	if app.Command != nil && len(app.Command) == 0 {
		l.Addf("Command", "is empty: remove it to run the image's own CMD, or give the command and its arguments")
	}
	if cfg.Network.NatGateways == network.NatNone && app.Image != "" && !appImageFromECR(cfg) {
		// Without NAT the instances reach registries only through the ECR interface endpoints
		// (checkImageRegion: of the stack's own Region).
		l.Addf("Image", "is %q, outside Amazon ECR, but tenk:network.natGateways is \"none\": the instances have no route to that registry; push the image to ECR in the stack's Region, use tenk:app.build, or set natGateways to \"single\"", app.Image)
	}
	for _, k := range settingNames {
		if _, ok := app.Environment[k]; ok {
			l.Addf(fielderr.Key("Environment", k), "is a stack setting (see \"What the application reads\"): the stack's value would replace it; rename the variable")
		}
	}
	ref := app.Image
	if app.Build != "" {
		ref = placeholderBuild
		l.Append(buildArgs(cfg, app).Validate())
	}
	web := webArgs(cfg, placeholderWiring(cfg))
	web.Application = webtier.Application{Image: containerImage(cfg, app, pulumi.String(ref))}
	var webProblems fielderr.List
	webProblems.Append(web.Validate())
	for _, fe := range webProblems {
		if strings.HasPrefix(fe.Path, "Application.") {
			l = append(l, fe) // the rest is tenk:web's, reported by its section
		}
	}
	return l.Err()
}

// containerImage is the web tier's image for app, run as ref.
func containerImage(cfg Config, app Application, ref pulumi.StringInput) *webtier.ContainerImage {
	return &webtier.ContainerImage{Reference: ref, Environment: app.Environment, Command: app.Command,
		LogRetentionDays: cfg.Network.FlowLogRetentionDays}
}

// wireApplication puts cfg.App on the web tier's args a: the image as it is, or the one built
// from Build (an ImageBuild named "tenk-app-image"); nothing for the built-in server.
func wireApplication(ctx *pulumi.Context, cfg Config, a *webtier.MultiAZWebTierArgs) error {
	app := cfg.App
	if app.builtInServer() {
		return nil
	}
	var ref pulumi.StringInput = pulumi.String(app.Image)
	if app.Build != "" {
		built, err := appimage.NewImageBuild(ctx, "tenk-app-image", buildArgs(cfg, app))
		if err != nil {
			return err
		}
		ref = built.Reference
	}
	a.Application = webtier.Application{Image: containerImage(cfg, app, ref)}
	return nil
}

// buildArgs are the image build's args for the stack: the instances' platform, a repository
// that dev may delete with its images.
func buildArgs(cfg Config, app Application) *appimage.ImageBuildArgs {
	platform := appimage.PlatformArm64
	if arch, _ := webtier.InstanceArchitecture(cfg.Web.InstanceType); arch == webtier.ArchX86 {
		platform = appimage.PlatformAmd64
	}
	return &appimage.ImageBuildArgs{Context: app.Build, Dockerfile: app.Dockerfile, Platform: platform,
		KeepReleases: app.KeepReleases, ForceDelete: cfg.Environment == Dev,
		Tags: map[string]string{"tenk:environment": string(cfg.Environment)}}
}

// PublishedSettings are the variables the stack publishes in /etc/tenk/app.env (appSettings, the
// README's "What the application reads"), which an application's own environment may not reuse.
func PublishedSettings() []string { return slices.Clone(settingNames) }

// settingNames are the variables the stack publishes (appSettings), which an application's own
// environment may not reuse; sorted, so problems come in a stable order. A test keeps it equal to
// the parameters the stacks register.
var settingNames = slices.Sorted(slices.Values([]string{"ASSETS_BUCKET", "CACHE_AUTH_SECRET_ARN", "CACHE_HOST", "CACHE_PORT", "CACHE_READER_HOST",
	"DB_HOST", "DB_IAM_AUTH", "DB_IAM_USER", "DB_NAME", "DB_PORT", "DB_READER_HOSTS", "DB_SECRET_ARN",
	"SESSION_KEY_ATTR", "SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"}))

// checkImageRegion reports an ECR image in another Region than the stack's when the network has
// no NAT: the ECR interface endpoints serve only their own Region (VPC user guide, "Access AWS
// services through AWS PrivateLink"), so the instances could not pull it. It needs the stack's
// Region, which Config does not hold; region "" is unknown and checks nothing.
func checkImageRegion(l *fielderr.List, cfg Config, region string) {
	if cfg.Network.NatGateways != network.NatNone || cfg.App.Image == "" || region == "" {
		return
	}
	ref, ok := webtier.ParseImageRef(cfg.App.Image)
	if !ok || ref.ECR == nil || ref.ECR.Region == region {
		return // an image outside ECR is Application.check's
	}
	l.Addf(Namespace+":app.image", "is in Amazon ECR in %s, but the stack deploys to %s with %s:network.natGateways \"none\": its ECR endpoints serve only %s; replicate the repository to %s (ECR replication) and use that image, use %s:app.build, or set natGateways to \"single\"",
		ref.ECR.Region, region, Namespace, region, region, Namespace)
}
