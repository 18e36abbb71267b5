using System.Text.Json.Serialization;
using AiFeed.Ingestion;

namespace AiFeed.Cli;

/// <summary>
/// <c>aifeed poll --json</c>'s line, written by generated code: by reflection, the serializer built
/// the summary's metadata at every run, and a one-shot poll is all start-up.
/// </summary>
[JsonSerializable(typeof(PollSummary))]
internal sealed partial class PollSummaryJson : JsonSerializerContext;
