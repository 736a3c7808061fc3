package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code io.cairn.<area>} is API and {@code io.cairn.<area>.internal} is not, so no API type may
 * hand out or ask for an internal one. This test reads every main (not test) class of every Cairn
 * module on this module's class path (core, embedded, repository, backup, dump, migrate, agent; not
 * the test kit) and names each public or protected superclass, interface, constructor, method, field or
 * record component of an accessible API class whose signature, generic type arguments included,
 * mentions a type from an {@code .internal} package.
 */
class ApiExposesNoInternalTypesTest {
    @Test
    void noApiSignatureMentionsAnInternalType() {
        List<String> classes = apiClassNames();
        assertThat(classes).as("Cairn API classes found on the class path").isNotEmpty()
                .contains(Agent.class.getName(), "io.cairn.repository.Repository", "io.cairn.dump.Dumps",
                        "io.cairn.backup.postgres.PostgresBackups", "io.cairn.migrate.Migrations");
        Set<String> problems = new TreeSet<>();
        for (String name : classes) {
            Class<?> type;
            try {
                type = Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(name + ": cannot be loaded to check it (" + e + ")");
                continue;
            }
            try {
                if (isAccessible(type)) {
                    problems.addAll(leaks(type));
                }
            } catch (LinkageError e) {
                problems.add(name + ": its signatures cannot be read to check them (" + e + ")");
            }
        }
        assertThat(problems).as("API signatures that mention internal types").isEmpty();
    }

    /** What {@code type} exposes that mentions an internal type, one line each. */
    private static List<String> leaks(Class<?> type) {
        List<String> found = new ArrayList<>();
        String owner = type.getName();
        check(found, owner + " extends", type.getGenericSuperclass());
        for (Type implemented : type.getGenericInterfaces()) {
            check(found, owner + " implements", implemented);
        }
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            check(found, owner + " type parameter " + variable.getName(), variable);
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                check(found, owner + " record component " + component.getName(), component.getGenericType());
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (exposed(field)) {
                check(found, owner + " field " + field.getName(), field.getGenericType());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (exposed(constructor)) {
                checkExecutable(found, owner + " constructor" + parameters(constructor), constructor);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (exposed(method) && !method.isBridge()) {
                check(found, owner + "." + method.getName() + parameters(method) + " returns", method.getGenericReturnType());
                checkExecutable(found, owner + "." + method.getName() + parameters(method), method);
            }
        }
        return found;
    }

    private static void checkExecutable(List<String> found, String where, Executable executable) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(found, where + " parameter", parameter);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(found, where + " throws", thrown);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            check(found, where + " type parameter " + variable.getName(), variable);
        }
    }

    private static void check(List<String> found, String where, Type type) {
        if (type == null) {
            return;
        }
        Set<Class<?>> mentioned = new HashSet<>();
        mentions(type, mentioned, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        mentioned.stream().filter(ApiExposesNoInternalTypesTest::isInternal).map(Class::getName).sorted()
                .forEach(internal -> found.add(where + " mentions " + internal));
    }

    /** Every class named in {@code type}: raw types, type arguments, bounds, array components, owners. */
    private static void mentions(Type type, Set<Class<?>> into, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> plain) {
            Class<?> element = plain;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            into.add(element);
        } else if (type instanceof ParameterizedType parameterized) {
            mentions(parameterized.getRawType(), into, seen);
            mentions(parameterized.getOwnerType(), into, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                mentions(argument, into, seen);
            }
        } else if (type instanceof WildcardType wildcard) {
            Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
                    .forEach(bound -> mentions(bound, into, seen));
        } else if (type instanceof TypeVariable<?> variable) {
            for (Type bound : variable.getBounds()) {
                mentions(bound, into, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            mentions(array.getGenericComponentType(), into, seen);
        }
    }

    private static boolean isInternal(Class<?> type) {
        return isInternalPackage(type.getPackageName());
    }

    private static boolean isInternalPackage(String packageName) {
        return ("." + packageName + ".").contains(".internal.");
    }

    /** A class outside an internal package that code elsewhere can name: public, and nested only in such classes. */
    private static boolean isAccessible(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
            int modifiers = current.getModifiers();
            boolean nested = current.getDeclaringClass() != null;
            if (!Modifier.isPublic(modifiers) && !(nested && Modifier.isProtected(modifiers))) {
                return false;
            }
        }
        return true;
    }

    /** Public members, and protected ones where a subclass can reach them (the class can be extended). */
    private static boolean exposed(Member member) {
        if (member.isSynthetic()) {
            return false;
        }
        int modifiers = member.getModifiers();
        Class<?> owner = member.getDeclaringClass();
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers())
                && hasReachableConstructor(owner);
    }

    private static boolean hasReachableConstructor(Class<?> type) {
        return type.isInterface() || Stream.of(type.getDeclaredConstructors())
                .anyMatch(c -> Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()));
    }

    private static String parameters(Executable executable) {
        return Stream.of(executable.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }

    /** Names of the non-internal {@code io.cairn} classes in the class path's main class directories and jars. */
    private static List<String> apiClassNames() {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && !path.getFileName().toString().equals("test-classes")) {
                names.addAll(inDirectory(path));
            } else if (Files.isRegularFile(path) && entry.endsWith(".jar") && path.getFileName().toString().startsWith("cairn-")
                    && !path.getFileName().toString().endsWith("-tests.jar")) {
                names.addAll(inJar(path));
            }
        }
        return new ArrayList<>(names);
    }

    private static List<String> inDirectory(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
                    .map(ApiExposesNoInternalTypesTest::className).flatMap(Stream::ofNullable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> inJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class"))
                    .map(ApiExposesNoInternalTypesTest::className).flatMap(Stream::ofNullable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code io/cairn/x/Y.class} to {@code io.cairn.x.Y}; null outside io.cairn, in internal packages,
     * for module-info, and for the test kit (a test-scope dependency here, whose optional server
     * libraries, e.g. S3Proxy, are not on this class path, so its signatures cannot be read).
     */
    private static String className(String resource) {
        if (!resource.startsWith("io/cairn/") || resource.startsWith("io/cairn/testkit/") || resource.endsWith("module-info.class")
                || resource.endsWith("package-info.class")) {
            return null;
        }
        String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
        String packageName = name.substring(0, name.lastIndexOf('.'));
        return isInternalPackage(packageName) ? null : name;
    }
}
