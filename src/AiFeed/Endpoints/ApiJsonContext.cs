using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFeed.Endpoints;

/// <summary>
/// The list pages' JSON (<c>GET /api/posts</c>, with or without q=) written by generated code, with
/// the host's options (web defaults, nulls written): reflection-based serialization was a tenth to a
/// sixth of an uncached page's CPU (docs/performance.md, API). Other types fall through to reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PostListDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
