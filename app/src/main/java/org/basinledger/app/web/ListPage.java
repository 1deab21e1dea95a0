package org.basinledger.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.basinledger.api.common.InvalidInputException;

/**
 * One page of a list the API answers a page at a time (docs/api-extensions.md): {@code items}, the page number
 * (from 0), its size, how many items there are in all, how many pages, and the next page's number (null on the
 * last page).
 */
public record ListPage<T>(List<T> items, int page, int size, long totalItems, long totalPages, Integer nextPage) {

    /** Items on a page unless the client asks otherwise. */
    public static final int DEFAULT_SIZE = 100;

    /** The most items a client may ask for on one page. */
    public static final int MAX_SIZE = 500;

    /** Items read at once when a list must be filtered by who may read each item. */
    static final int SCAN_CHUNK = 500;

    /** Reads {@code limit} items of a list from {@code offset}, with how many the list has in all. */
    @FunctionalInterface
    public interface Chunks<T> {
        Chunk<T> read(long offset, int limit);
    }

    /** Some items of a list and how many it has in all. */
    public record Chunk<T>(List<T> items, long total) {
    }

    public static <T> ListPage<T> of(List<T> items, int page, int size, long totalItems) {
        long totalPages = (totalItems + size - 1) / size;
        return new ListPage<>(items, page, size, totalItems, totalPages, page + 1L < totalPages ? page + 1 : null);
    }

    /**
     * The page of the items the reader may read, out of a list that can only be filtered item by item: the list is
     * read a chunk at a time and only the readable items are counted and paged, so memory holds one chunk and one
     * page, never the list.
     */
    public static <T> ListPage<T> ofReadable(int page, int size, Chunks<T> list, Predicate<T> readable) {
        long offset = offset(page, size);
        List<T> items = new ArrayList<>();
        long visible = 0;
        long read = 0;
        Chunk<T> chunk;
        do {
            chunk = list.read(read, SCAN_CHUNK);
            for (T item : chunk.items()) {
                if (readable.test(item)) {
                    if (visible >= offset && items.size() < size) {
                        items.add(item);
                    }
                    visible++;
                }
            }
            read += chunk.items().size();
        } while (!chunk.items().isEmpty() && read < chunk.total());
        return of(items, page, size, visible);
    }

    /** The offset of the page's first item; a 400 naming the parameter for a page below 0 or a size not 1–500. */
    public static long offset(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
        }
        return (long) page * size;
    }
}
