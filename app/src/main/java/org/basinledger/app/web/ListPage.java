package org.basinledger.app.web;

import java.util.List;

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

    public static <T> ListPage<T> of(List<T> items, int page, int size, long totalItems) {
        long totalPages = (totalItems + size - 1) / size;
        return new ListPage<>(items, page, size, totalItems, totalPages, page + 1L < totalPages ? page + 1 : null);
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
