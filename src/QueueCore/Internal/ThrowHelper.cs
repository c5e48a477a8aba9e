using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

/// <summary>Throws out of line, so the methods that validate stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ObjectDisposed(string name) => throw new ObjectDisposedException(name);

    [DoesNotReturn]
    public static void DuplicateHall(string id, string paramName) =>
        throw new ArgumentException($"A hall with id '{id}' is already in the engine.", paramName);

    [DoesNotReturn]
    public static void HallWithoutId(string paramName) => throw new ArgumentException("The hall needs an id.", paramName);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
