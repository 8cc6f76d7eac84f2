package webtier

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/logretention"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Application is what the instances run behind the load balancer: a container image, or a raw
// boot script for those who need one. Either way the web tier keeps its machinery: the settings
// agent (tenk-settings.service waits for the settings' ready marker and answers the health check
// meanwhile), /etc/tenk/app.env as the application's environment, and the sync that restarts
// tenk-web.service when the settings change. The zero value runs the built-in server
// (DefaultUserData).
type Application struct {
	// Image runs an OCI image as tenk-web.service. Not with Script. Default: nil.
	Image *ContainerImage
	// Script is a bash boot script run after tenk's machinery is installed. It must install a
	// systemd unit named tenk-web.service serving HTTP on AppPort and answering HealthCheck.Path
	// (a drop-in already makes that unit Requires=/After= tenk-settings.service and read
	// /etc/tenk/app.env), then start it with `systemctl start --no-block` so cloud-init is not held
	// up. Not with Image. Default: nil.
	Script pulumi.StringInput
}

// ContainerImage is an application shipped as an OCI image. The container runs on the host's
// network (so it listens on AppPort itself and reaches the instance role through IMDSv2 with the
// launch template's hop limit of 1), gets /etc/tenk/app.env as its environment, restarts on
// failure, logs to a CloudWatch Logs group the tier creates, and has DeregistrationDelaySeconds to
// stop after SIGTERM.
type ContainerImage struct {
	// Reference is the image. A release is an immutable digest: "<registry>/<repository>@sha256:<64
	// hex>", which the launch template carries. An ECR tag in this account's registry
	// ("<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>", region = the stack's) is
	// resolved to its digest at deploy (ecr.getImage); a tag elsewhere is refused (give its digest:
	// `docker buildx imagetools inspect <ref>` or `crane digest <ref>`). An output (such as
	// appimage.ImageBuild.Reference) must resolve to a digest reference. Required.
	Reference pulumi.StringInput
	// Environment is added to the container's environment (/etc/tenk/app.env) as plain values;
	// names are [A-Za-z_][A-Za-z0-9_]*, values one line. They are in the launch template's user
	// data, readable by anyone who may describe it: never put a secret here. A stack setting of
	// the same name (DB_HOST, …) wins. APP_PORT, APP_HEALTH_PATH, AWS_REGION and SETTINGS_VERSION
	// are the tier's. Default: none.
	Environment map[string]string
	// Command replaces the image's CMD (its ENTRYPOINT stays). Default: the image's own.
	Command []string
	// LogRetentionDays is how long the application log group keeps the container's output, a
	// CloudWatch Logs retention value. Default: 90.
	LogRetentionDays int
}

// reservedVariables are the environment names the tier writes itself.
var reservedVariables = []string{"APP_PORT", "APP_HEALTH_PATH", "AWS_REGION", "SETTINGS_VERSION"}

var (
	envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// ecrReference is "<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>" plus a tag or a
	// digest (ECR "Private registry concepts"; repository names are lowercase with . _ - /).
	ecrReference = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/([a-z0-9]+(?:[._/-][a-z0-9]+)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$`)
	// anyReference is "[registry/]repository" plus ":tag" and/or "@sha256:<digest>".
	anyReference = regexp.MustCompile(`^([a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?/)?[a-z0-9]+(?:[._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$`)
)

// ImageRef is a parsed image reference.
type ImageRef struct {
	// Repository is everything before the tag or digest ("123….dkr.ecr.…/shop").
	Repository string
	// Tag is the tag, "" when pinned by digest only.
	Tag string
	// Digest is "sha256:…", "" for a tag.
	Digest string
	// ECR holds the account, Region, partition and repository name when the image is in ECR.
	ECR *ECRRepository
}

// ECRRepository is an image's repository in Amazon ECR.
type ECRRepository struct {
	// Account, Region and Name locate the repository; Partition is "aws" or "aws-cn".
	Account, Region, Name, Partition string
}

// ARN is the repository's ARN, the resource its pull permissions name.
func (r ECRRepository) ARN() string {
	return fmt.Sprintf("arn:%s:ecr:%s:%s:repository/%s", r.Partition, r.Region, r.Account, r.Name)
}

// ParseImageRef parses an image reference; ok is false when it is not one.
func ParseImageRef(ref string) (ImageRef, bool) {
	if m := ecrReference.FindStringSubmatch(ref); m != nil && (m[5] != "" || m[6] != "") {
		partition := "aws"
		if m[3] != "" {
			partition = "aws-cn"
		}
		repo := strings.TrimSuffix(strings.SplitN(ref, "@", 2)[0], ":"+m[5])
		return ImageRef{Repository: repo, Tag: m[5], Digest: m[6],
			ECR: &ECRRepository{Account: m[1], Region: m[2], Name: m[4], Partition: partition}}, true
	}
	m := anyReference.FindStringSubmatch(ref)
	if m == nil {
		return ImageRef{}, false
	}
	out := ImageRef{Tag: strings.TrimPrefix(m[2], ":"), Digest: strings.TrimPrefix(m[3], "@")}
	out.Repository = strings.TrimSuffix(strings.TrimSuffix(ref, m[3]), m[2])
	return out, true
}

// Pinned is the reference by digest, the form the launch template carries.
func (r ImageRef) Pinned() string { return r.Repository + "@" + r.Digest }

// validate checks the application at path; port and the deregistration delay come from the tier.
func (a Application) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	if a.Image != nil && a.Script != nil {
		l.Addf(at("Script"), "is set with %s: give the image or the script, not both", fielderr.Ref(at("Image")))
	}
	if a.Image == nil {
		return
	}
	img, ip := a.Image, at("Image")
	imgAt := func(field string) string { return fielderr.Field(ip, field) }
	l.Required(imgAt("Reference"), img.Reference != nil, "give the image to run, pinned by digest (<repository>@sha256:…) or an ECR tag")
	if s, ok := img.Reference.(pulumi.String); ok {
		validateReference(imgAt("Reference"), string(s), l)
	}
	for _, k := range sortedKeys(img.Environment) {
		switch v := img.Environment[k]; {
		case !envName.MatchString(k):
			l.Addf(fielderr.Key(imgAt("Environment"), k), "is not an environment variable name: use letters, digits and _, not starting with a digit")
		case slices.Contains(reservedVariables, k):
			l.Addf(fielderr.Key(imgAt("Environment"), k), "is set by the web tier (%s): drop it", strings.Join(reservedVariables, ", "))
		case strings.ContainsAny(v, "\n\r\x00"):
			l.Addf(fielderr.Key(imgAt("Environment"), k), "spans lines: app.env holds one KEY=VALUE per line; encode the value on one line")
		}
	}
	for i, arg := range img.Command {
		if strings.ContainsAny(arg, "\n\r\x00") {
			l.Addf(fielderr.Index(imgAt("Command"), i), "spans lines: give each argument on one line")
		}
	}
	if img.LogRetentionDays != 0 {
		l.Append(logretention.Check(imgAt("LogRetentionDays"), img.LogRetentionDays))
	}
}

// validateReference checks a known reference: a digest, or an ECR tag tenk can resolve.
func validateReference(path, ref string, l *fielderr.List) {
	r, ok := ParseImageRef(ref)
	switch {
	case !ok:
		l.Addf(path, "%q is not an image reference: give <registry>/<repository>@sha256:<digest> (or an ECR tag)", ref)
	case r.Digest == "" && r.ECR == nil:
		l.Addf(path, "%q is a tag outside ECR, which tenk cannot resolve to a digest at deploy, so re-pushing it would change instances silently: pin it by digest (<repository>@sha256:…; `docker buildx imagetools inspect %s` or `crane digest %s` prints it)", ref, ref, ref)
	}
}

// withDefaults fills the image's defaults.
func (c ContainerImage) withDefaults() ContainerImage {
	if c.LogRetentionDays == 0 {
		c.LogRetentionDays = 90
	}
	return c
}
