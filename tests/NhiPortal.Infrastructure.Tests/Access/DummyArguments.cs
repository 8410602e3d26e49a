using System.Reflection;

namespace NhiPortal.Infrastructure.Tests.Access;

/// <summary>
/// Harmless, well-formed arguments of any parameter type (records built through their widest constructor), so a
/// call reaches the service's own checks instead of stopping at a null.
/// </summary>
internal static class DummyArguments
{
    public static object? For(Type type, int depth = 0)
    {
        if (depth > 4)
        {
            return null;
        }
        if (type == typeof(string))
        {
            return "Checked by the no-role matrix";
        }
        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }
        if (type == typeof(Stream))
        {
            return new MemoryStream();
        }
        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return For(underlying, depth);
        }
        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }
        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }
        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }
        if (type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(typeof(List<>).MakeGenericType(element)) && type.IsInterface)
        {
            // IReadOnlyList<Guid> and friends: one dummy element, so "choose at least one" checks do not answer first.
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(For(element, depth + 1));
            return list;
        }
        if (type.IsInterface || type.IsAbstract)
        {
            return null;
        }
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            return null;
        }
        return constructor.Invoke(constructor.GetParameters().Select(p => For(p.ParameterType, depth + 1)).ToArray());
    }
}
