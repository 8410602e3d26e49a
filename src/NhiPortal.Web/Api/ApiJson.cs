using System.Text.Json;
using System.Text.Json.Serialization;

namespace NhiPortal.Web.Api;

/// <summary>Strict bodies: an unknown field, a wrong type, a missing required field or a null where none is allowed is refused.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }
}
