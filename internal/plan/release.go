package plan

import (
	"regexp"
	"strings"

	"github.com/tenkstack/tenk/components/webtier"
)

// Release is what the web tier's instances run: the application (the built-in server, an image by
// digest, or an image built from a context), the AMI, and how long rolling it out takes. A change
// of either is a new launch template version, which starts an instance refresh.
type Release struct {
	// Group and LaunchTemplate name the Auto Scaling group and its launch template.
	Group          string `json:"group"`
	LaunchTemplate string `json:"launchTemplate"`
	// Application is "built-in server", "image", "build" or "script" (a boot script of the
	// embedder's own).
	Application string `json:"application"`
	// Image is the reference the boot script pulls and runs, by digest ("repo@sha256:…"); for a
	// build, the repository only (the digest is known once the build has pushed).
	Image string `json:"image,omitempty"`
	// BuildContext is the directory a build builds, and BuildTag the tag it pushes (a hash of the
	// context: a changed context is a new build and a new release).
	BuildContext string `json:"buildContext,omitempty"`
	BuildTag     string `json:"buildTag,omitempty"`
	// AMI is the launch template's image ID.
	AMI string `json:"ami"`
	// Rollout is the estimated duration of the instance refresh a new release starts.
	Rollout Rollout `json:"rollout"`
}

// Kinds of Release.Application.
const (
	AppBuiltIn = "built-in server"
	AppImage   = "image"
	AppBuild   = "build"
	AppScript  = "script"
)

// pullLine is the image the boot script pulls (components/webtier container.go).
var pullLine = regexp.MustCompile(`(?m)^ExecStartPre=/opt/tenk/tenk-pull\.sh (\S+)$`)

// releaseOf reads the release of p's first Auto Scaling group with a launch template; nil when the
// stack has none.
func releaseOf(p *Plan) *Release {
	for i := range p.Resources {
		g := &p.Resources[i]
		if g.Type != "aws:autoscaling/group:Group" {
			continue
		}
		lt := p.launchTemplateOf(g)
		if lt == nil {
			continue
		}
		r := &Release{Group: g.Name, LaunchTemplate: lt.Name, AMI: lt.String("imageId")}
		script := bootScript(lt)
		switch ref := pullLine.FindStringSubmatch(script); {
		case ref != nil:
			r.Application, r.Image = AppImage, ref[1]
		case strings.Contains(script, "Description=tenk default web server"): // webtier.DefaultUserData
			r.Application = AppBuiltIn
		default:
			r.Application = AppScript
		}
		if b := buildOf(p); b != nil && r.Application == AppImage {
			r.Application = AppBuild
			r.BuildContext = b.String("context.location")
			r.Image, _, _ = strings.Cut(r.Image, "@")
			if tags := b.Strings("tags"); len(tags) > 0 {
				_, r.BuildTag, _ = strings.Cut(tags[0][strings.LastIndex(tags[0], "/")+1:], ":")
			}
		}
		r.Rollout = rolloutOf(p, g, r.Application)
		return r
	}
	return nil
}

// bootScript is the launch template's user data, decoded (the web tier gzips it); as it is when
// it does not decode.
func bootScript(lt *Resource) string {
	raw := lt.String("userData")
	if script, err := webtier.DecodeUserData(raw); err == nil {
		return script
	}
	return raw
}

// buildOf is the image build whose pushed image the group's instances run: the stack's one
// docker-build Image.
func buildOf(p *Plan) *Resource {
	for i := range p.Resources {
		if p.Resources[i].Type == "docker-build:index:Image" {
			return &p.Resources[i]
		}
	}
	return nil
}

// Describe is the release in one line: what runs, and on which AMI.
func (r *Release) Describe() string {
	var app string
	switch r.Application {
	case AppImage:
		app = "image " + r.Image
	case AppBuild:
		app = "built from " + r.BuildContext + " (pushed to " + r.Image + ":" + r.BuildTag + ", run by its digest)"
	case AppScript:
		app = "a boot script of its own"
	default:
		app = "the built-in server"
	}
	return app + " on " + r.AMI
}
