using AiFeed.Catalog;
using AiFeed.Components;
using AiFeed.Pages;
using AiFeed.Publishing;
using AiFeed.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AiFeed.Endpoints;

/// <summary>The reader's web pages (static server-side rendering of Razor components) and their assets.</summary>
public static class ReaderPages
{
    public const int PageSize = 30;
    public const int TopCount = 30;

    public static IServiceCollection AddReaderPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // First in line, so a browser's error is a page before the default writer claims it as JSON.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemWriter>());
        services.AddSingleton<ReaderAssets>();
        services.AddSingleton<ReaderNav>();
        services.AddSingleton<PyodideBundle>();
        services.AddImageProxy();
        return services;
    }

    public static RouteGroupBuilder MapReaderPages(this IEndpointRouteBuilder routes)
    {
        // Security headers (CSP, nosniff, Referrer-Policy): SecurityHeaders, for every response.
        var group = routes.MapGroup(string.Empty).WithTags("Pages").ExcludeFromDescription();
        // HEAD too: link checkers and previews ask for headers alone (Kestrel sends no body).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods("/", methods, HomeAsync).WithName("HomePage");
        group.MapMethods("/top", methods, TopAsync).WithName("TopPage");
        group.MapMethods("/sources", methods, SourcesAsync).WithName("SourcesPage");
        group.MapMethods("/post/{id}", methods, PostAsync).WithName("PostPage");
        group.MapMethods("/saved", methods, () => Page<SavedPage>()).WithName("SavedPage");
        group.MapGet("/assets/{name}", Asset).WithName("ReaderAsset");
        routes.MapImages();
        return group;
    }

    public static async Task<Results<RazorComponentResult<HomePage>, ValidationProblem>> HomeAsync(
        [AsParameters] PostQueryParameters parameters, [AsParameters] PageServices services, ITopStories top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(top);
        var values = new QueryValues();
        var query = (parameters.Limit is null ? parameters with { Limit = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) } : parameters).ToQuery(values);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var page = await services.Posts.QueryAsync(query, cancellationToken);
        var catalog = services.Catalog.Current;
        var filter = new ReaderFilter(query.Sources, query.Tags, string.IsNullOrWhiteSpace(parameters.Q) ? null : parameters.Q.Trim());
        // A filtered page says how many posts match (a search counted them already); the unfiltered front page needs no count.
        long? count = page.Search?.Total ?? (filter.IsEmpty ? null : await services.Posts.CountAsync(query with { After = null }, cancellationToken));
        var model = new HomeModel(
            Top: false,
            [.. page.Items.Select(p => EntryView.From(p, catalog) with { Highlight = page.Search?.Highlights.GetValueOrDefault(p.Id) })],
            filter,
            SourceOptions(catalog, filter),
            TagOptions(catalog, filter),
            page.NextAfter is null ? null : filter.Home(PostQueryParameters.EncodeCursor(page.NextAfter)),
            IsFirstPage: parameters.Cursor is null,
            services.Time.GetUtcNow().UtcDateTime,
            page.Items.Count > 0 || !filter.IsEmpty ? null
                : parameters.Cursor is null ? await top.ExplainEmptyAsync(TimeSpan.FromDays(1), cancellationToken) : "No older posts.",
            page.Search)
        {
            Count = count,
        };
        return Page<HomePage>(model);
    }

    public static async Task<RazorComponentResult<HomePage>> TopAsync([AsParameters] PageServices services, ITopStories top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(top);
        var catalog = services.Catalog.Current;
        var filter = new ReaderFilter([], [], null);
        var window = TimeSpan.FromDays(1);
        var posts = await top.TopAsync(window, TopCount, cancellationToken);
        return Page<HomePage>(new HomeModel(
            Top: true,
            [.. posts.Select(p => EntryView.From(p, catalog))],
            filter,
            SourceOptions(catalog, filter),
            TagOptions(catalog, filter),
            null,
            IsFirstPage: true,
            services.Time.GetUtcNow().UtcDateTime,
            posts.Count == 0 ? await top.ExplainEmptyAsync(window, cancellationToken) : null));
    }

    public static async Task<RazorComponentResult<SourcesPage>> SourcesAsync(
        [AsParameters] PageServices services, ISourceStateStore states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(states);
        var byId = (await states.GetAllAsync(cancellationToken)).ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        var counts = await services.Posts.CountBySourceAsync(cancellationToken);
        var rows = services.Catalog.Current.Sources
            .Select(s => SourceRow.From(s, byId.GetValueOrDefault(s.Id), counts.GetValueOrDefault(s.Id)))
            .ToList();
        return Page<SourcesPage>(new SourcesModel(
            rows, [.. services.Catalog.Errors.Select(e => e.ToString())], services.Time.GetUtcNow().UtcDateTime, services.Catalog.Current.Defaults.MaxItemsPerFeed));
    }

    public static async Task<Results<RazorComponentResult<PostPage>, ProblemHttpResult>> PostAsync(
        string id, [AsParameters] PageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var post = await services.Posts.GetWithHtmlAsync(id, cancellationToken);
        if (post is null)
        {
            return TypedResults.Problem($"no post has the id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Post not found");
        }

        return Page<PostPage>(new PostModel(
            EntryView.From(post, services.Catalog.Current),
            ProxiedImages.Rewrite(post),
            services.Time.GetUtcNow().UtcDateTime));
    }

    public static Results<FileContentHttpResult, NotFound> Asset(string name, string? v, ReaderAssets assets, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(response);
        if (assets.Find(name) is not { } asset)
        {
            return TypedResults.NotFound();
        }

        // A versioned URL never changes content; an unversioned one is revalidated.
        response.Headers.CacheControl = string.Equals(v, asset.Version, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        return TypedResults.File(asset.Body, asset.ContentType, entityTag: new EntityTagHeaderValue("\"" + asset.Version + "\""));
    }

    private static RazorComponentResult<T> Page<T>(object? model = null)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(model is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal) { ["Model"] = model });

    private static List<FilterOption> SourceOptions(FeedCatalog catalog, ReaderFilter filter) =>
        [.. catalog.Sources.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new FilterOption(s.Id, s.Name, filter.Sources.Contains(s.Id, StringComparer.Ordinal)))];

    /// <summary>Every topic tag of the taxonomy (by its label), then every source tag, then any tag in force that is neither.</summary>
    private static List<FilterOption> TagOptions(FeedCatalog catalog, ReaderFilter filter)
    {
        var topics = catalog.Taxonomy.Tags.OrderBy(t => t.Label, StringComparer.OrdinalIgnoreCase).Select(t => (t.Name, t.Label)).ToList();
        var others = catalog.Sources.SelectMany(s => s.Tags).Concat(filter.Tags)
            .Where(t => !topics.Exists(topic => string.Equals(topic.Name, t, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (Name: t, Label: t));
        return [.. topics.Concat(others).Select(t => new FilterOption(t.Name, t.Label, filter.Tags.Contains(t.Name, StringComparer.Ordinal)))];
    }
}

/// <summary>What every page handler reads.</summary>
public sealed record PageServices(IPostStore Posts, ICatalogProvider Catalog, TimeProvider Time);
