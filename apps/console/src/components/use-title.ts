import { useEffect } from 'react';

/** The page's title, as screen readers and browser tabs announce it. */
export const useTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} – Registre des mandats`;
  }, [title]);
};
