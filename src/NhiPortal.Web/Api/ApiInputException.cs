namespace NhiPortal.Web.Api;

/// <summary>A query parameter or header the endpoint refuses before calling any service; names the field.</summary>
public sealed class ApiInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
