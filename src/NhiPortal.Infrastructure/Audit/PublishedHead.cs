using System.Text.Json.Serialization;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>One line of the heads file: a stream's chain reached <see cref="Sequence"/> with this link hash at this time.</summary>
public sealed record PublishedHead(
    [property: JsonPropertyName("stream")] AuditStream Stream,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("time")] DateTime Time);
