using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion;

/// <summary>Operator actions on one source's persisted state: pause, resume, clear its errors.</summary>
public sealed partial class SourceControl(ISourceStateStore states, TimeProvider time, ILogger<SourceControl> logger)
{
    public async Task<SourceState> PauseAsync(string sourceId, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(sourceId, cancellationToken);
        if (!state.Paused)
        {
            state.Paused = true;
            state.PausedAt = time.GetUtcNow().UtcDateTime;
            await states.SaveAsync(state, cancellationToken);
            Log.Paused(logger, sourceId);
        }

        return state;
    }

    /// <summary>Resumes polling; a source that was due while paused is polled at the next dispatch.</summary>
    public async Task<SourceState> ResumeAsync(string sourceId, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(sourceId, cancellationToken);
        if (state.Paused)
        {
            state.Paused = false;
            state.PausedAt = null;
            await states.SaveAsync(state, cancellationToken);
            Log.Resumed(logger, sourceId);
        }

        return state;
    }

    /// <summary>
    /// Forgets the error streak and its backoff (after the operator fixed the cause), so the
    /// source is polled at the next dispatch and reads as pending until then.
    /// </summary>
    public async Task<SourceState> ClearErrorsAsync(string sourceId, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(sourceId, cancellationToken);
        state.ConsecutiveErrors = 0;
        state.LastError = null;
        state.NextCheckAt = null;
        if (state.LastOutcome is "fetch-error" or "parse-error")
        {
            state.LastOutcome = null;
            state.LastPollAt = null;
        }

        await states.SaveAsync(state, cancellationToken);
        Log.ErrorsCleared(logger, sourceId);
        return state;
    }

    private async Task<SourceState> LoadAsync(string sourceId, CancellationToken cancellationToken) =>
        await states.GetAsync(sourceId, cancellationToken) ?? new SourceState { SourceId = sourceId };

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Source {SourceId} paused by an operator")]
        public static partial void Paused(ILogger logger, string sourceId);

        [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Source {SourceId} resumed by an operator")]
        public static partial void Resumed(ILogger logger, string sourceId);

        [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Source {SourceId}: error state cleared by an operator")]
        public static partial void ErrorsCleared(ILogger logger, string sourceId);
    }
}
