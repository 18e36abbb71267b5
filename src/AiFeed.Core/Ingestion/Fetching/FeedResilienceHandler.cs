namespace AiFeed.Ingestion.Fetching;

/// <summary>Sends each request through its feed's resilience pipeline (<see cref="FeedPipelines"/>): retries, breaker, attempt timeout.</summary>
internal sealed class FeedResilienceHandler(FeedPipelines pipelines) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        pipelines.For(request).ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).AsTask();

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
