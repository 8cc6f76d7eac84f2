package cdn

import (
	"io/fs"
	"mime"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Asset is one file to upload: its object key and the content type S3 will serve it with.
type Asset struct {
	// Key is the slash-separated path relative to the upload directory ("css/site.css"); it also
	// names the object's resource, so adding a file never renames another.
	Key string
	// Path is the file on disk.
	Path string
	// ContentType is what CloudFront and browsers see.
	ContentType string
}

// webContentTypes pins the types that matter for a website, because mime.TypeByExtension reads
// the machine's mime.types and differs between a laptop and CI (and lacks .webmanifest, .avif,
// .map or .woff2 on some systems). The browser relies on these: a script served as
// application/octet-stream is refused under X-Content-Type-Options: nosniff.
var webContentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".eot":         "application/vnd.ms-fontobject",
	".wasm":        "application/wasm",
	".pdf":         "application/pdf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".ogg":         "audio/ogg",
	".wav":         "audio/wav",
	".zip":         "application/zip",
}

// defaultContentType is what S3 itself assumes for unknown data.
const defaultContentType = "application/octet-stream"

// ContentType returns the content type for a file name: the pinned web types first, then the
// system's MIME table, then application/octet-stream.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := webContentTypes[ext]; ok {
		return t
	}
	if ext != "" {
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return defaultContentType
}

// CollectAssets walks dir and returns one Asset per regular file, sorted by key. Symbolic links
// and other special files are skipped; hidden files are kept (".well-known/" must be served).
func CollectAssets(dir string) ([]Asset, error) {
	var out []Asset
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		out = append(out, Asset{Key: key, Path: p, ContentType: ContentType(key)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// collectUploads lists the files under dir to upload, or none when dir is "".
func collectUploads(dir string) ([]Asset, error) {
	if dir == "" {
		return nil, nil
	}
	return CollectAssets(dir)
}

// uploadAssets uploads each asset as an object named "<name>-asset-<key>", so adding a file
// never renames another.
func uploadAssets(ctx *pulumi.Context, name string, assets []Asset, bucket *s3.BucketV2, parent pulumi.ResourceOption) error {
	for _, asset := range assets {
		if _, err := s3.NewBucketObjectv2(ctx, name+"-asset-"+asset.Key, &s3.BucketObjectv2Args{
			Bucket:      bucket.ID(),
			Key:         pulumi.String(asset.Key),
			Source:      pulumi.NewFileAsset(asset.Path),
			ContentType: pulumi.String(asset.ContentType),
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
