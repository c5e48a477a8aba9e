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
    public static void HallIdDiffersOnlyInCase(string id, string other, string paramName) =>
        throw new ArgumentException(
            $"A hall with id '{id}' differs from hall '{other}' only in letter case; hall ids must differ in more than letter case (people, addresses and configuration keys do not tell them apart).",
            paramName);

    [DoesNotReturn]
    public static void HallWithoutId(string paramName) => throw new ArgumentException("The hall needs an id.", paramName);

    [DoesNotReturn]
    public static void ItemIndexOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(
            nameof(index), index, count == 0 ? "The list holds no item." : $"The list holds {count} item{(count == 1 ? "" : "s")}: index 0 to {count - 1}.");

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    /// <summary>
    /// An invalid argument found by a helper below the public method that took it (a definition's compiler, a saved
    /// state's check): <paramref name="paramName"/> is that method's parameter, which the helper does not have.
    /// </summary>
    [DoesNotReturn]
    public static void InvalidArgument(string message, string paramName, Exception? innerException = null) =>
        throw new ArgumentException(message, paramName, innerException);
}
